import { phrase } from '../messages/phrase';
import { SetupError } from '../errors/setup-error';

const REFERENCE = /\$\{([a-z][a-z0-9_]*)\}/g;

/** Every `${name}` referenced in strings anywhere inside `value`. */
export function referencedVariables(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(REFERENCE)) found.add(m[1]!);
  else if (Array.isArray(value)) value.forEach((v) => referencedVariables(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => referencedVariables(v, found));
  return found;
}

/** Replaces `${name}` in every string inside `value`; the value's shape is unchanged. */
export function substituteVariables<T>(value: T, vars: Readonly<Record<string, string>>): T {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (whole, name: string) => (name in vars ? vars[name]! : whole)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => substituteVariables(v, vars)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteVariables(v, vars)])) as T;
  }
  return value;
}

/**
 * A title for a reader who has no value for its variables (the board, `grade list` before `grade init`):
 * `${dockerhub_user}/olss_2021` reads `<dockerhub_user>/olss_2021`, the placeholder form of docker's own docs.
 */
export function placeholderVariables(text: string, vars: Readonly<Record<string, string>> = {}): string {
  return text.replace(REFERENCE, (_whole, name: string) => (name in vars ? vars[name]! : `<${name}>`));
}

/** `--var key=value` → map; a malformed one is a usage error. */
export function parseVarAssignments(assignments: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : '';
    if (!/^[a-z][a-z0-9_]*$/.test(key)) {
      throw new SetupError(phrase('error.badVar', { value: a }), phrase('error.badVarAdvice'));
    }
    vars[key] = a.slice(eq + 1);
  }
  return vars;
}
