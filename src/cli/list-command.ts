import { checkKinds } from '../../checks';
import { maxPoints } from '../exercise/exercise';
import { loadExercises } from '../exercise/load';
import type { CliIo } from './io';
import type { ResolvedVariable } from '../config/exercise-variables';
import { message, type Lang } from '../messages/catalog';
import { variableAdvice } from '../runner/plan';

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
  const lines: string[] = [];
  for (const e of exercises) {
    lines.push(`${e.id}  ${e.title}  (${maxPoints(e)} points${e.repo ? `; ${maxPoints(e, 'repo')} under grade repo` : ''})`);
    const declared = Object.keys(e.variables ?? {});
    if (declared.length) {
      const lang = opts.lang ?? 'en';
      lines.push(`  ${message(lang, 'list.variables')}`);
      for (const name of declared) {
        const v = opts.variables?.[name];
        lines.push(
          `    ${v ? message(lang, 'list.variableSet', { name, value: v.value, from: v.from }) : message(lang, 'list.variableUnset', { name, advice: variableAdvice(e, [name], lang) })}`,
        );
      }
    }
    for (const c of e.checks) {
      const only = c.modes?.length === 1 ? (c.modes[0] === 'repo' ? '  [grade repo only]' : '  [not under grade repo]') : '';
      lines.push(`  ${String(c.points).padStart(3)}${c.bonus ? '+' : ' '} ${c.id.padEnd(22)} ${c.title}${only}`);
    }
    lines.push('');
  }
  lines.push(`${exercises.length} exercises · "+" marks bonus points · grade <id> grades one`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
