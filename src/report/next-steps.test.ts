import { attempt, mixedResult } from '../../test/support/grade-results';
import type { CheckResult, GradeResult } from '../result/types';
import { nextSteps } from './next-steps';

const check = (id: string, status: CheckResult['status'], maxPoints: number, extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: id,
  kind: 'container.config',
  status,
  points: status === 'pass' ? maxPoints : 0,
  maxPoints,
  message: '',
  durationMs: 1,
  ...extra,
});

/** A first-day student: nearly nothing done, later exercises worth more. */
function firstDay(): GradeResult {
  const result = attempt('2026-12-07T09:00:00.000Z', { first_steps: 0, network_none: 0 });
  const [firstSteps, networkNone] = result.exercises;
  firstSteps!.checks = [check('ubuntu', 'pass', 30), check('hello', 'fail', 40), check('logs', 'skip', 30), check('bash', 'fail', 30)];
  networkNone!.checks = [check('none', 'fail', 50), check('bonus', 'fail', 60, { bonus: true })];
  return result;
}

describe('next steps', () => {
  test('the first exercise in course order not complete, and in it the first failed check — not the check worth most', () => {
    const steps = nextSteps(firstDay()).map((s) => `${s.exercise.id}/${s.check.id}`);
    expect(steps).toEqual(['first_steps/hello', 'first_steps/bash', 'network_none/none', 'network_none/bonus']);
  });

  test('a skipped check (its needs did not pass) and advice are no step; bonus checks come after every required one', () => {
    const result = firstDay();
    result.exercises[0]!.checks = [
      check('ubuntu', 'pass', 30),
      check('logs', 'skip', 30),
      check('tip', 'fail', 0, { bonus: true }),
      check('extra', 'fail', 5, { bonus: true }),
    ];
    expect(nextSteps(result).map((s) => s.check.id)).toEqual(['none', 'extra', 'bonus']);
  });

  test('an undecided check is a step where it stands in the course', () => {
    expect(nextSteps(mixedResult()).map((s) => `${s.exercise.id}/${s.check.id}`)).toEqual([
      'web_server/page',
      'web_server/stats',
      'bridge_isolation/isolated',
      'bridge_isolation/two',
    ]);
  });
});
