/** An exercise variable's value and where it came from, lowest first: grade init's config, then GRADE_VAR_*, then --var. */
export interface ResolvedVariable {
  value: string;
  /** The config file, `GRADE_VAR_NAME`, or `--var`. */
  from: string;
}

/** `GRADE_VAR_DOCKERHUB_USER=alice` → `{ dockerhub_user: 'alice' }`; `--var` wins. */
export function varsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const m = /^GRADE_VAR_([A-Z][A-Z0-9_]*)$/.exec(k);
    if (m && v !== undefined) vars[m[1]!.toLowerCase()] = v;
  }
  return vars;
}

/** Every variable given, with its source; a later layer wins, as it does when grading. */
export function resolveVariables(layers: {
  config?: { file: string; vars?: Record<string, string> };
  env: NodeJS.ProcessEnv;
  options?: Record<string, string>;
}): Record<string, ResolvedVariable> {
  const resolved: Record<string, ResolvedVariable> = {};
  for (const [name, value] of Object.entries(layers.config?.vars ?? {})) resolved[name] = { value, from: layers.config!.file };
  for (const [name, value] of Object.entries(varsFromEnv(layers.env))) resolved[name] = { value, from: `GRADE_VAR_${name.toUpperCase()}` };
  for (const [name, value] of Object.entries(layers.options ?? {})) resolved[name] = { value, from: '--var' };
  return resolved;
}

/** The values alone, from the same layers in the same order: what grade, repo and batch grade with. */
export function variableValues(layers: Parameters<typeof resolveVariables>[0]): Record<string, string> {
  return Object.fromEntries(Object.entries(resolveVariables(layers)).map(([name, variable]) => [name, variable.value]));
}
