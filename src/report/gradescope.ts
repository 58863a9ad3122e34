import { message, type Lang } from '../messages/catalog';
import type { CheckResult, ExerciseResult } from '../result/types';
import { checkText } from './check-text';
import type { ReportInput } from './input';

/** Gradescope's autograder `results.json` (the fields it documents, nothing else). */
export interface GradescopeResults {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  visibility: 'visible';
  tests: GradescopeTest[];
}

export interface GradescopeTest {
  score: number;
  max_score: number;
  name: string;
  number: string;
  output: string;
  tags: string[];
  visibility: 'visible';
  status: 'passed' | 'failed';
}

/**
 * Bonus checks get `max_score` 0 and their points as `score`: Gradescope then
 * shows them as extra credit without raising the maximum. The top-level score
 * is ours, not Gradescope's sum of the tests, so an exercise's bonus still
 * never lifts it above its maximum (the same rule as every other report).
 */
function test(e: ExerciseResult, ei: number, c: CheckResult, ci: number, lang: Lang): GradescopeTest {
  return {
    score: c.points,
    max_score: c.bonus ? 0 : c.maxPoints,
    name: `${e.id} › ${c.title}${c.bonus ? ' (bonus)' : ''}`,
    number: `${ei + 1}.${ci + 1}`,
    // `error` means the grader could not decide; the student should not read it as their failure.
    output: c.status === 'error' ? message(lang, 'text.undecided', { text: checkText(c, e.id, lang) }) : checkText(c, e.id, lang),
    tags: [e.id, c.kind, ...(c.bonus ? ['bonus'] : [])],
    visibility: 'visible',
    status: c.status === 'pass' ? 'passed' : 'failed',
  };
}

export function renderGradescope({ result, lang = 'en' }: ReportInput): string {
  const doc: GradescopeResults = {
    score: result.score.points,
    max_score: result.score.max,
    execution_time: Math.round(result.durationMs) / 1000,
    output: [
      `Graded by ${result.grader.name} ${result.grader.version} on ${result.target.endpoint} (Docker ${result.target.dockerVersion}).`,
      ...result.exercises.map((e) => `${e.id}: ${e.score.points}/${e.score.max}`),
      `Total: ${result.score.points}/${result.score.max}`,
    ].join('\n'),
    visibility: 'visible',
    tests: result.exercises.flatMap((e, ei) => e.checks.map((c, ci) => test(e, ei, c, ci, lang))),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
