/** An image reference split the way registries address it. */
export interface RegistryReference {
  /** Registry host as written (`docker.io` when none was). */
  registry: string;
  /** Repository path in the registry, with `library/` for Docker Hub's official images. */
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

// distribution/reference grammar: lowercase path components separated by / . _ __ -, tags up to 128.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

export function parseReference(input: string): RegistryReference {
  let rest = input.trim();
  let reference = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      reference = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) registry = parts.shift()!;
  const path = parts.join('/');
  if (path !== path.toLowerCase()) throw new InvalidReferenceError(input, 'repository names are lowercase only');
  if (!parts.every((p) => COMPONENT.test(p))) throw new InvalidReferenceError(input, 'not a valid repository name');
  if (!reference.startsWith('sha256:') && !TAG.test(reference)) throw new InvalidReferenceError(input, `"${reference}" is not a valid tag`);
  const repository = registry === 'docker.io' && parts.length === 1 ? `library/${path}` : path;
  return { registry, repository, reference };
}
