import { formatProblem } from '../errors';
import { exerciseFilesIn, loadExerciseFiles } from '../spec/load';
import { missingTranslations } from '../spec/localize';
import type { CliIo } from './io';
import { terminalText } from '../report/terminal-text';

/** `grade validate [FILE…]`: every problem as file:line:col: path: message; exit 2 if any. */
export function validateCommand(files: string[], opts: { exercisesDir: string }, io: CliIo): number {
  const targets = files.length ? files : exerciseFilesIn(opts.exercisesDir);
  const { exercises, problems } = loadExerciseFiles(targets);
  for (const p of problems) io.stderr.write(`${terminalText(formatProblem(p))}\n`);
  if (problems.length) {
    io.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${targets.length} file(s)\n`);
    return 2;
  }
  // A missing Italian text is shown in English: worth fixing, not worth refusing the spec.
  const untranslated = exercises.flatMap((e) => missingTranslations(e).map((p) => `${e.file}: ${p}: no Italian text (warning; English is shown)`));
  for (const w of untranslated) io.stderr.write(`${w}\n`);
  io.stderr.write(
    `${exercises.length} exercise file(s) valid: ${exercises.map((e) => e.id).join(', ')}${untranslated.length ? `; ${untranslated.length} warning(s)` : ''}\n`,
  );
  return 0;
}
