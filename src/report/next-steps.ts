import { isAdvice, type CheckResult, type ExerciseResult, type GradeResult } from '../result/types';

export interface NextStep {
  exercise: ExerciseResult;
  check: CheckResult;
}

/** The id of a check's row in the HTML report: next steps link to it. */
export function checkAnchor(exerciseId: string, checkId: string): string {
  return `check-${exerciseId}-${checkId}`;
}

/**
 * What the student should do next: every failed or undecided check across
 * exercises, required ones before bonus ones, most points first (ties keep the
 * course's order). Skipped checks wait for the check they need, and advice is
 * worth no points, so neither is a step of its own.
 */
export function nextSteps(result: GradeResult): NextStep[] {
  const steps = result.exercises.flatMap((exercise) =>
    exercise.checks.filter((c) => (c.status === 'fail' || c.status === 'error') && !isAdvice(c)).map((check) => ({ exercise, check })),
  );
  const rank = (s: NextStep) => (s.check.bonus ? 1 : 0);
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || b.s.check.maxPoints - a.s.check.maxPoints || a.i - b.i)
    .map((x) => x.s);
}
