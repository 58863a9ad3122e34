import { translator, type Lang } from '../messages/catalog';
import type { GradeResult } from '../result/types';
import { errorAdvice } from './error-advice';
import { nextSteps } from './next-steps';
import { terminalLine } from './terminal-text';

type Paint = (style: 'bold' | 'green' | 'red' | 'cyan' | 'dim', text: string) => string;

/**
 * The end of the terminal summary: one line per exercise (✔ all points, ✘ not
 * yet) and the next step — in the first exercise not yet complete, the first
 * failed or undecided check (nextSteps), with its hint or what to do about it.
 */
export function recapLines(result: GradeResult, paint: Paint, lang: Lang = 'en'): string[] {
  if (!result.exercises.length) return [];
  const t = translator(lang);
  const width = Math.max(...result.exercises.map((e) => e.id.length));
  const lines = ['', paint('bold', t('terminal.recap'))];
  for (const e of result.exercises) {
    const full = e.score.points >= e.score.max;
    lines.push(`  ${full ? paint('green', '✔') : paint('red', '✘')} ${e.id.padEnd(width)}  ${`${e.score.points}/${e.score.max}`.padStart(7)}`);
  }
  const [first] = nextSteps(result);
  if (!first) return [...lines, paint('green', t('terminal.allDone'))];
  const { exercise, check } = first;
  const what = check.status === 'error' ? t(errorAdvice(check), { exercise: exercise.id }) : check.hint?.trim();
  // Titles and hints carry --var values, so they are cleaned like any text from outside.
  lines.push(`${paint('bold', t('terminal.next'))} ${terminalLine(check.title)} (${exercise.id}, ${check.maxPoints})`);
  // One line, indented like the hints under the checks: text from outside never starts a line of its own.
  if (what) lines.push(`${' '.repeat(13)}${paint('cyan', '→')} ${terminalLine(what)}`);
  if (check.status !== 'error' && check.hintCommand) lines.push(`${' '.repeat(15)}${terminalLine(check.hintCommand)}`);
  return lines;
}
