import type { Lang } from '../messages/catalog';
import { message } from '../messages/catalog';
import { terminalLine } from '../report/terminal-text';
import type { Exercise } from '../exercise/exercise';
import { loadExercisesToGrade } from '../exercise/load';
import type { CliIo } from './io';

/**
 * The exercises a grading command grades: a broken spec that was not asked
 * for is one line on stderr and the others are graded; asked for, it stops
 * the run with its problems (exit 2).
 */
export function exercisesToGrade(dir: string, ids: readonly string[], io: CliIo, lang: Lang = 'en'): Exercise[] {
  return loadExercisesToGrade(dir, ids, (broken) =>
    io.stderr.write(
      `grade: ${message(lang, 'spec.brokenNotGraded', { id: terminalLine(broken.id), file: terminalLine(broken.file), count: broken.problems.length })}\n`,
    ),
  );
}
