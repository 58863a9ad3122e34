import { checkKinds } from '../../checks';
import { maxPoints } from '../exercise/exercise';
import { loadExercises } from '../exercise/load';
import type { CliIo } from './io';
import type { ResolvedVariable } from '../config/exercise-variables';
import { message, type Lang } from '../messages/catalog';
import { variableAdvice } from '../runner/plan';
import { localizeExercise } from '../exercise/localize';
import { placeholderVariables } from '../exercise/variables';

export interface ListOptions {
  exercisesDir: string;
  json?: boolean;
  kinds?: boolean;
  /** The exercise variables grade would use now (config, GRADE_VAR_*), by name. */
  variables?: Record<string, ResolvedVariable>;
  lang?: Lang;
}

/** `grade list`: exercises and their checks with points (or the check kinds with --kinds). */
export function listCommand(opts: ListOptions, io: CliIo): number {
  if (opts.kinds) {
    const kinds = Object.values(checkKinds).map((k) => ({ kind: k.meta.kind, description: k.meta.description }));
    if (opts.json) io.stdout.write(`${JSON.stringify(kinds, null, 2)}\n`);
    else io.stdout.write(kinds.map((k) => `${k.kind.padEnd(22)} ${k.description}`).join('\n') + '\n');
    return 0;
  }
  const exercises = loadExercises(opts.exercisesDir);
  if (opts.json) {
    const data = exercises.map((e) => ({
      id: e.id,
      title: e.title,
      slides: e.slides,
      maxPoints: maxPoints(e),
      ...(e.repo ? { maxPointsRepo: maxPoints(e, 'repo') } : {}),
      variables: Object.keys(e.variables ?? {}),
      // What grading would substitute now, and from where; null when not given.
      variableValues: Object.fromEntries(Object.keys(e.variables ?? {}).map((v) => [v, opts.variables?.[v] ?? null])),
      checks: e.checks.map((c) => ({
        id: c.id,
        title: c.title,
        kind: c.kind,
        points: c.points,
        bonus: Boolean(c.bonus),
        needs: c.needs ?? [],
        modes: c.modes ?? ['host', 'repo'],
      })),
    }));
    io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }
  const lang = opts.lang ?? 'en';
  // The values grade would substitute now stand in the titles; an unset one reads <name>.
  const values = Object.fromEntries(Object.entries(opts.variables ?? {}).map(([name, v]) => [name, v.value]));
  const lines: string[] = [];
  for (const e of exercises.map((x) => localizeExercise(x, lang))) {
    const points = e.repo
      ? message(lang, 'list.pointsRepo', { points: maxPoints(e), repo: maxPoints(e, 'repo') })
      : message(lang, 'list.points', { points: maxPoints(e) });
    lines.push(`${e.id}  ${placeholderVariables(e.title, values)}  (${points})`);
    const declared = Object.keys(e.variables ?? {});
    if (declared.length) {
      lines.push(`  ${message(lang, 'list.variables')}`);
      for (const name of declared) {
        const v = opts.variables?.[name];
        lines.push(
          `    ${v ? message(lang, 'list.variableSet', { name, value: v.value, from: v.from }) : message(lang, 'list.variableUnset', { name, advice: variableAdvice(e, [name], lang) })}`,
        );
      }
    }
    for (const c of e.checks) {
      const only = c.modes?.length === 1 ? `  [${message(lang, c.modes[0] === 'repo' ? 'list.repoOnly' : 'list.notUnderRepo')}]` : '';
      lines.push(`  ${String(c.points).padStart(3)}${c.bonus ? '+' : ' '} ${c.id.padEnd(22)} ${placeholderVariables(c.title, values)}${only}`);
    }
    lines.push('');
  }
  lines.push(message(lang, 'list.footer', { count: exercises.length }));
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
