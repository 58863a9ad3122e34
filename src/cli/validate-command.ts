import { formatProblem } from '../errors/setup-error';
import { message } from '../messages/catalog';
import { resolveLanguage } from '../config/run-language';
import { exerciseFilesIn, loadExerciseFiles } from '../exercise/load';
import { missingTranslations } from '../exercise/localize';
import type { CliIo } from './io';
import { terminalText } from '../report/terminal-text';

/**
 * `grade validate [FILE…]`: every problem of every file in one run (schema,
 * unknown needs, cycles, duplicate ids) as file:line:col: path: message; exit 2 if any.
 */
export function validateCommand(files: string[], opts: { exercisesDir: string }, io: CliIo): number {
  const lang = resolveLanguage(undefined, io.env);
  const targets = files.length ? files : exerciseFilesIn(opts.exercisesDir);
  const { exercises, problems } = loadExerciseFiles(targets);
  for (const p of problems) io.stderr.write(`${terminalText(formatProblem(p))}\n`);
  if (problems.length) {
    const count = { count: problems.length, files: targets.length };
    io.stderr.write(`${message(lang, problems.length === 1 ? 'validate.oneProblem' : 'validate.problems', count)}\n`);
    return 2;
  }
  // A missing Italian text is shown in English: worth fixing, not worth refusing the spec.
  const untranslated = exercises.flatMap((e) => missingTranslations(e).map((path) => message(lang, 'validate.untranslated', { file: e.file, path })));
  for (const w of untranslated) io.stderr.write(`${w}\n`);
  const valid = { count: exercises.length, ids: exercises.map((e) => e.id).join(', '), warnings: untranslated.length };
  io.stderr.write(`${message(lang, untranslated.length ? 'validate.valid.warnings' : 'validate.valid', valid)}\n`);
  return 0;
}
