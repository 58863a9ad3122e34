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
 * What the student should do next, in the order a student works through the
 * course: the exercises in the run's order (the course's, unless exercises
 * were named), each exercise's failed or undecided checks in the spec's order
 * — a check whose `needs` did not pass was skipped, so a failed one is always
 * one the student can act on now. Required checks come before every bonus
 * one: the first step is the first exercise not yet complete. Skipped checks
 * wait for the check they need, and advice is worth no points, so neither is
 * a step of its own.
 */
export function nextSteps(result: GradeResult): NextStep[] {
  const steps = result.exercises.flatMap((exercise) =>
    exercise.checks.filter((c) => (c.status === 'fail' || c.status === 'error') && !isAdvice(c)).map((check) => ({ exercise, check })),
  );
  // A stable sort: within each group the course's order stays.
  return [...steps.filter((s) => !s.check.bonus), ...steps.filter((s) => s.check.bonus)];
}
