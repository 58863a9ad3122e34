/**
 * Image references, one grammar for the engine's side and the registry's:
 * `nginx`, `nginx:latest`, `library/nginx` and `docker.io/library/nginx:latest`
 * are one image. Containers keep the reference as typed (`Config.Image`), so
 * matching normalises both; a registry is addressed by registry, repository
 * and tag or digest.
 */
export interface ImageReference {
  /** Registry host as written (`docker.io` when none was). */
  registry: string;
  /** Repository path in the registry, with `library/` for Docker Hub's official images. */
  repository: string;
  /** The tag as written, if any. */
  tag?: string;
  /** `sha256:…`, if the reference pins one. */
  digest?: string;
}

/** A registry's view of a reference: the tag or digest it is fetched by (`latest` when neither was given). */
export interface RegistryReference {
  registry: string;
  repository: string;
  /** Tag or digest (`sha256:…`). */
  reference: string;
}

export class InvalidReferenceError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`${input}: ${reason}`);
    this.name = 'InvalidReferenceError';
  }
}

/** Splits a reference as the docker CLI reads it, without judging it. */
export function splitImageReference(input: string): ImageReference & { path: string[] } {
  let rest = input.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const path = rest.split('/');
  const registry = path.length > 1 && /[.:]|^localhost$/.test(path[0]!) ? path.shift()! : 'docker.io';
  const repository = registry === 'docker.io' && path.length === 1 ? `library/${path[0]}` : path.join('/');
  return { registry, repository, path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The engine's spelling of a reference, to compare two: `nginx` → `docker.io/library/nginx:latest`. */
export function normalizeImageRef(ref: string): string {
  const r = splitImageReference(ref);
  const tag = r.tag !== undefined ? `:${r.tag}` : r.digest === undefined ? ':latest' : '';
  return `${r.registry}/${r.repository}`.toLowerCase() + tag + (r.digest !== undefined ? `@${r.digest}` : '');
}

export function sameImageRef(a: string, b: string): boolean {
  return normalizeImageRef(a) === normalizeImageRef(b);
}

// distribution/reference grammar: lowercase path components separated by / . _ __ -, tags up to 128.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** A reference as a registry is asked for it; one the registry would refuse is an InvalidReferenceError saying why. */
export function parseReference(input: string): RegistryReference {
  const r = splitImageReference(input);
  const reference = r.digest ?? r.tag ?? 'latest';
  const path = r.path.join('/');
  if (path !== path.toLowerCase()) throw new InvalidReferenceError(input, 'repository names are lowercase only');
  if (!r.path.every((p) => COMPONENT.test(p))) throw new InvalidReferenceError(input, 'not a valid repository name');
  if (!reference.startsWith('sha256:') && !TAG.test(reference)) throw new InvalidReferenceError(input, `"${reference}" is not a valid tag`);
  return { registry: r.registry, repository: r.repository, reference };
}

/** `sha256:abc…` → `abc…` shortened as `docker images` shows it. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
