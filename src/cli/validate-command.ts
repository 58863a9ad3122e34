import { formatProblem } from '../errors';
import { exerciseFilesIn, loadExerciseFiles } from '../spec/load';
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
  io.stderr.write(`${exercises.length} exercise file(s) valid: ${exercises.map((e) => e.id).join(', ')}\n`);
  return 0;
}
