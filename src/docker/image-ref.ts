/**
 * Image references as the engine resolves them: `nginx`, `nginx:latest`,
 * `library/nginx` and `docker.io/library/nginx:latest` are one image. Containers
 * keep the reference as typed (`Config.Image`), so matching must normalise both.
 */
export function normalizeImageRef(ref: string): string {
  let name = ref.trim();
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at);
    name = name.slice(0, at);
  }
  const lastSlash = name.lastIndexOf('/');
  const lastColon = name.lastIndexOf(':');
  let tag = '';
  if (lastColon > lastSlash) {
    tag = name.slice(lastColon);
    name = name.slice(0, lastColon);
  }
  if (!tag && !digest) tag = ':latest';
  const parts = name.split('/');
  const hasRegistry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!);
  if (!hasRegistry) parts.unshift('docker.io');
  if (parts[0] === 'docker.io' && parts.length === 2) parts.splice(1, 0, 'library');
  return parts.join('/').toLowerCase() + tag + digest;
}

export function sameImageRef(a: string, b: string): boolean {
  return normalizeImageRef(a) === normalizeImageRef(b);
}

/** `sha256:abc…` → `abc…` shortened as `docker images` shows it. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
