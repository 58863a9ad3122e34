import type { CheckResult, ExerciseResult } from '../result/types';
import { compareVerdict } from './compare-verdict';

const check = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: id,
  kind: 'container.config',
  status,
  points: status === 'pass' ? 10 : 0,
  maxPoints: 10,
  message: `${id} is ${status}`,
  durationMs: 1,
  ...extra,
});
const result = (...checks: CheckResult[]): ExerciseResult => ({ id: 'ex', title: 'ex', slides: ['s'], score: { points: 0, max: 0 }, checks });

describe("comparing the grader's verdict with an example's", () => {
  test('full: every check but the bonus ones passes', () => {
    expect(compareVerdict('full', result(check('a', 'pass'), check('b', 'pass'), check('bonus', 'fail', { bonus: true })))).toEqual([]);
    expect(compareVerdict('full', result(check('a', 'pass'), check('b', 'skip')))).toEqual([
      { kind: 'shouldPass', check: 'b', got: 'skip', message: 'b is skip' },
    ]);
  });

  test('fail: the named checks fail, the others pass or are skipped; error is never what an example says', () => {
    const r = result(check('a', 'fail'), check('b', 'skip'), check('c', 'pass'));
    expect(compareVerdict({ fail: ['a'] }, r)).toEqual([]);
    expect(compareVerdict({ fail: ['c'] }, r)).toEqual([
      { kind: 'shouldPass', check: 'a', got: 'fail', message: 'a is fail' },
      { kind: 'shouldFail', check: 'c', got: 'pass', message: 'c is pass' },
    ]);
    expect(compareVerdict({ fail: ['a'] }, result(check('a', 'error')))).toEqual([{ kind: 'shouldFail', check: 'a', got: 'error', message: 'a is error' }]);
    expect(compareVerdict({ fail: ['a'] }, result(check('a', 'fail'), check('b', 'error')))).toEqual([
      { kind: 'shouldPass', check: 'b', got: 'error', message: 'b is error' },
    ]);
  });

  test("a bonus check named among the failing must fail; the message's words must be in it", () => {
    expect(compareVerdict({ fail: ['bonus'] }, result(check('bonus', 'pass', { bonus: true })))).toHaveLength(1);
    expect(compareVerdict({ fail: ['a'], messages: { a: 'is fail' } }, result(check('a', 'fail')))).toEqual([]);
    expect(compareVerdict({ fail: ['a'], messages: { a: 'not 256m' } }, result(check('a', 'fail')))).toEqual([
      { kind: 'message', check: 'a', expected: 'not 256m', message: 'a is fail' },
    ]);
  });
});
