import type { CheckResult, GradeResult } from '../result/types';
import { nothingDecided } from './run-batch';

const check = (status: CheckResult['status'], message: string = status): CheckResult =>
  ({ id: status, title: status, kind: 'image.exists', status, points: 0, maxPoints: 10, message, durationMs: 1 }) as CheckResult;
const result = (...checks: CheckResult[]) => ({ exercises: [{ id: 'e', title: 'e', score: { points: 0, max: 10 }, checks }] }) as unknown as GradeResult;

describe('a host with no decided check has no grade (batch)', () => {
  test('every check undecided or skipped for it: the first undecided one says why', () => {
    expect(nothingDecided(result(check('error', 'the Docker engine did not answer within 10 s'), check('skip'), check('error', 'later')))).toBe(
      'the Docker engine did not answer within 10 s',
    );
  });

  test('one check passed or failed: the host is graded, its errors shown as they are', () => {
    expect(nothingDecided(result(check('error'), check('fail')))).toBeUndefined();
    expect(nothingDecided(result(check('error'), check('pass')))).toBeUndefined();
  });

  test('nothing at all to decide (every check skipped) is not an engine problem: graded', () => {
    expect(nothingDecided(result(check('skip')))).toBeUndefined();
  });
});
