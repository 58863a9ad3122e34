import path from 'node:path';
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { defaultExercisesDir } from '../package/package-info';
import { defaultReportFormats, reportFormats } from '../report/index';
import { variableValues } from '../config/exercise-variables';
import { parseVarAssignments } from '../exercise/variables';
import type { CommandContext } from './command-context';
import type { MessageId } from '../messages/catalog';

/*
 * Options more than one command takes, declared once. A factory per option,
 * so each command adds its own instance (commander keeps parsed values on the
 * option's command) and its own help text where the meaning differs.
 */

type Help = CommandContext['help'];

/** A parser of a whole number ≥ 1; its complaint, in the help's language, ends commander's one-line error. */
export function positiveInt(help: Help) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(help('cli.positiveWhole'));
    return n;
  };
}

/** A repeatable option. No default ([]): commander would show "(default: [])" in help, which tells nobody anything. */
const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * The shared options by name, as npm keeps its option definitions in one
 * table: a command adds `sharedOption.json(help)` in its chain, so the chain
 * alone lists what the command takes, in the order its help shows.
 */
export const sharedOption = {
  lang: (help: Help) => new Option('--lang <code>', help('help.lang')),
  json: (help: Help, id: MessageId = 'help.json') => new Option('--json', help(id)),
  exercises: (help: Help, id: MessageId = 'help.exercises') => new Option('--exercises <dir>', help(id)).default(defaultExercisesDir),
  out: (help: Help, id: MessageId = 'help.out', dir = 'reports') => new Option('--out <dir>', help(id)).default(dir),
  format: (help: Help, id: MessageId = 'help.format', formats = defaultReportFormats.join(',')) =>
    new Option('--format <list>', help(id, { formats: reportFormats.join(', ') })).default(formats),
  var: (help: Help, id: MessageId) => new Option('--var <name=value>', help(id)).argParser(collect),
  host: (help: Help, id: MessageId) => new Option('-H, --host <url>', help(id)),
  concurrency: (help: Help, id: MessageId = 'help.concurrency') => new Option('--concurrency <n>', help(id)).default(8).argParser(positiveInt(help)),
  timeout: (help: Help) => new Option('--timeout <seconds>', help('help.timeout')).default(30).argParser(positiveInt(help)),
  db: (help: Help, id: MessageId) => new Option('--db <file|url>', help(id)),
};

/**
 * The exercise variables a grading run uses: grade init's config (for grade),
 * GRADE_VAR_*, then --var, in resolveVariables' one order (grade list shows
 * the same layers with their sources).
 */
export const varValues = (ctx: CommandContext, assignments: readonly string[] = [], config?: { file: string; vars?: Record<string, string> }) =>
  variableValues({ ...(config ? { config } : {}), env: ctx.io.env, options: parseVarAssignments(assignments) });

/** A path given on the command line, as the user meant it: relative to where grade was started. */
export const fromCwd = (ctx: CommandContext, file: string) => path.resolve(ctx.io.cwd, file);
