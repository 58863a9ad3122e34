import { exercise, gradeResult } from '../../test/support/grade-results';
import type { CheckResult, CheckStatus } from '../result/types';
import { classAggregates, histogramBand, HISTOGRAM_LABELS } from './class-aggregates';

const check = (id: string, status: CheckStatus, message = `${id} ${status}`, over: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: `Check ${id}`,
  kind: 'image.exists',
  status,
  points: status === 'pass' ? 10 : 0,
  maxPoints: 10,
  message,
  durationMs: 1,
  ...over,
});

const student = (...checks: CheckResult[]) => gradeResult([exercise('web_server', checks)]);

describe('class aggregates', () => {
  test('pass share per check: passed over decided outcomes; an undecided check counts neither way; skips are not passes', () => {
    const results = [
      student(check('a', 'pass'), check('b', 'fail')),
      student(check('a', 'pass'), check('b', 'skip')),
      student(check('a', 'fail'), check('b', 'error')),
      student(check('a', 'pass'), check('b', 'pass')),
    ];
    const [web] = classAggregates(results, [{ id: 'web_server', title: 'Web' }]);
    const a = web!.checks.find((c) => c.id === 'a')!;
    const b = web!.checks.find((c) => c.id === 'b')!;
    expect(a).toMatchObject({ graded: 4, passed: 3, failed: 1, skipped: 0, errored: 0, passShare: 0.75 });
    expect(b).toMatchObject({ graded: 4, passed: 1, failed: 1, skipped: 1, errored: 1, passShare: 0.333 });
    // Worst first.
    expect(web!.checks.map((c) => c.id)).toEqual(['b', 'a']);
  });

  test('worst first among required checks, bonus checks after them; nobody decided: last, share null', () => {
    const results = [
      student(check('req', 'pass'), check('bonus', 'fail', 'x', { bonus: true }), check('undecided', 'error'), check('low', 'fail')),
      student(check('req', 'fail'), check('bonus', 'fail', 'x', { bonus: true }), check('undecided', 'error'), check('low', 'fail')),
    ];
    const [web] = classAggregates(results, [{ id: 'web_server', title: 'Web' }]);
    expect(web!.checks.map((c) => [c.id, c.passShare])).toEqual([
      ['low', 0],
      ['req', 0.5],
      ['undecided', null],
      ['bonus', 0],
    ]);
  });

  test('most common failure: grouped by message id (the text may carry details), else by text; ties go to the first met', () => {
    const results = [
      student(check('a', 'fail', 'Nothing answers on port 8080 after 3 ms', { messageId: 'noAnswer' })),
      student(check('a', 'fail', 'The page does not contain "Hello"', { messageId: 'wrongText' })),
      student(check('a', 'fail', 'Nothing answers on port 8080 after 9 ms', { messageId: 'noAnswer' })),
      student(check('a', 'error', 'The grader could not decide: timeout')),
    ];
    const [web] = classAggregates(results, [{ id: 'web_server', title: 'Web' }]);
    expect(web!.checks[0]!.commonFailure).toEqual({ message: 'Nothing answers on port 8080 after 3 ms', messageId: 'noAnswer', count: 2 });

    const tie = classAggregates([student(check('a', 'fail', 'first')), student(check('a', 'fail', 'second'))], [{ id: 'web_server', title: 'Web' }]);
    expect(tie[0]!.checks[0]!.commonFailure).toEqual({ message: 'first', count: 1 });
    // Nobody failed: no failure to show.
    expect(classAggregates([student(check('a', 'pass'))], [{ id: 'web_server', title: 'Web' }])[0]!.checks[0]!.commonFailure).toBeUndefined();
  });

  test('score histogram: none, quarters of the maximum, full marks', () => {
    expect([0, 1, 24, 25, 49, 50, 74, 75, 99, 100].map((p) => HISTOGRAM_LABELS[histogramBand(p, 100)])).toEqual([
      '0%',
      '1–24%',
      '1–24%',
      '25–49%',
      '25–49%',
      '50–74%',
      '50–74%',
      '75–99%',
      '75–99%',
      '100%',
    ]);
    // One point of 200 is work done, not nothing.
    expect(histogramBand(1, 200)).toBe(1);
    const results = [
      student(check('a', 'pass'), check('b', 'pass')),
      student(check('a', 'pass'), check('b', 'fail')),
      student(check('a', 'fail'), check('b', 'fail')),
    ];
    const [web] = classAggregates(results, [{ id: 'web_server', title: 'Web' }]);
    expect(web!.graded).toBe(3);
    expect(web!.histogram).toEqual([
      { label: '0%', count: 1 },
      { label: '1–24%', count: 0 },
      { label: '25–49%', count: 0 },
      { label: '50–74%', count: 1 },
      { label: '75–99%', count: 0 },
      { label: '100%', count: 1 },
    ]);
  });

  test('an exercise nobody graded: empty histogram, no checks', () => {
    expect(classAggregates([], [{ id: 'web_server', title: 'Web' }])).toEqual([
      { id: 'web_server', title: 'Web', graded: 0, histogram: HISTOGRAM_LABELS.map((label) => ({ label, count: 0 })), checks: [] },
    ]);
  });
});
