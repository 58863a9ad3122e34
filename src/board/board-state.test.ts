import { exercise, gradeResult } from '../../test/support/grade-results';
import type { CheckResult } from '../result/types';
import { BoardState, resultTime } from './board-state';
import type { StoredResult } from './board-store';

const roster = [
  { id: 's01', name: 'Alice' },
  { id: 's02', name: 'Bob' },
];
const exercises = [
  { id: 'first_steps', title: 'First steps', checks: [{ id: 'ubuntu', title: 'ubuntu image' }] },
  {
    id: 'web_server',
    title: 'Web server',
    checks: [
      { id: 'image', title: 'Image' },
      { id: 'page', title: 'Page' },
    ],
  },
];
const check = (id: string, pass: boolean): CheckResult => ({
  id,
  title: id,
  kind: 'x',
  status: pass ? 'pass' : 'fail',
  points: pass ? 5 : 0,
  maxPoints: 5,
  message: '',
  durationMs: 1,
});
const T0 = Date.parse('2026-11-30T10:00:00.000Z');
const min = 60_000;
let seq = 0;
function stored(studentId: string, atMin: number, ex: [string, ...boolean[]][], source: 'self' | 'batch' = 'self'): StoredResult {
  const at = T0 + atMin * min;
  const ids: Record<string, string[]> = { first_steps: ['ubuntu'], web_server: ['image', 'page'] };
  const result = gradeResult(
    ex.map(([id, ...passes]) =>
      exercise(
        id,
        passes.map((p, i) => check(ids[id]![i]!, p)),
      ),
    ),
    { student: { id: studentId }, startedAt: new Date(at - 1000).toISOString(), durationMs: 1000 },
  );
  return {
    seq: ++seq,
    studentId,
    source,
    sender: 'instructor',
    address: '127.0.0.1',
    idempotencyKey: `k${seq}`,
    receivedAt: new Date(at).toISOString(),
    result,
  };
}

describe('board state', () => {
  test('cells show the latest result per exercise, with when full marks were first reached and who sent it', () => {
    const s = new BoardState(roster, exercises);
    s.apply(stored('s01', 0, [['web_server', true, false]]));
    s.apply(stored('s01', 2, [['web_server', true, true]]));
    s.apply(stored('s01', 4, [['web_server', false, false]]));
    expect(s.view(T0 + 10 * min, 10).students[0]!.cells[1]).toEqual({
      exercise: 'web_server',
      state: 'zero',
      points: 0,
      max: 10,
      errors: 0,
      source: 'self',
      fullAt: '2026-11-30T10:02:00.000Z',
    });
  });

  test('a verified result is shown over a self-reported one, later or not, with the reported points when they differ', () => {
    const s = new BoardState(roster, exercises);
    s.apply(stored('s01', 0, [['web_server', true, false]]));
    s.apply(stored('s01', 5, [['web_server', false, false]], 'batch'));
    s.apply(stored('s01', 9, [['web_server', true, true]]));
    const alice = s.view(T0 + 10 * min, 10).students[0]!;
    expect(alice.cells).toEqual([
      { exercise: 'first_steps', state: 'absent', errors: 0 },
      { exercise: 'web_server', state: 'zero', points: 0, max: 10, errors: 0, source: 'batch', reported: 10 },
    ]);
    expect([alice.results, alice.lastAt, alice.lastSource]).toEqual([3, '2026-11-30T10:09:00.000Z', 'self']);
  });

  test('stuck: the current exercise has not improved for N minutes; a full exercise or an improvement clears it', () => {
    const s = new BoardState(roster, exercises);
    s.apply(stored('s01', 0, [['web_server', false, false]]));
    s.apply(stored('s01', 4, [['web_server', true, false]]));
    s.apply(stored('s01', 8, [['web_server', true, false]]));
    expect(s.view(T0 + 13 * min, 10).students[0]!.stuck).toBeUndefined();
    expect(s.view(T0 + 14 * min, 10).students[0]!.stuck).toEqual({ exercise: 'web_server', since: '2026-11-30T10:04:00.000Z', minutes: 10 });
    expect(s.view(T0 + 14 * min, 10).summary.stuck).toBe(1);
    s.apply(stored('s01', 15, [['web_server', true, true]]));
    expect(s.view(T0 + 60 * min, 10).students[0]!.stuck).toBeUndefined();
    // Next exercise, never improved since the first attempt.
    s.apply(stored('s01', 16, [['first_steps', false]]));
    expect(s.view(T0 + 26 * min, 10).students[0]!.stuck?.exercise).toBe('first_steps');
  });

  test('a result arriving late (queued on the student machine) counts at when it was graded, not when it arrived', () => {
    const late = stored('s01', 0, [['web_server', true, true]]);
    late.receivedAt = new Date(T0 + 30 * min).toISOString();
    expect(resultTime(late)).toBe(T0);
    const future = stored('s01', 0, [['web_server', true, true]]);
    future.result.startedAt = new Date(T0 + 99 * min).toISOString();
    expect(resultTime(future)).toBe(T0);
    const s = new BoardState(roster, exercises);
    s.apply(stored('s01', 20, [['web_server', true, false]]));
    s.apply(late);
    expect(s.view(T0 + 31 * min, 10).students[0]!.cells[1]).toMatchObject({ points: 5, fullAt: new Date(T0).toISOString() });
  });

  test('per check, the share of the students whose latest result has it that pass it', () => {
    const s = new BoardState(roster, exercises);
    s.apply(stored('s01', 0, [['web_server', true, false]]));
    s.apply(
      stored('s02', 0, [
        ['web_server', true, true],
        ['first_steps', false],
      ]),
    );
    expect(s.view(T0, 10).checks.map((c) => [c.exercise, c.check, c.pass, c.of])).toEqual([
      ['first_steps', 'ubuntu', 0, 1],
      ['web_server', 'image', 2, 2],
      ['web_server', 'page', 1, 2],
    ]);
  });

  test('a result is folded in once, and never for someone outside the class file', () => {
    const s = new BoardState(roster, exercises);
    const r = stored('s01', 0, [['web_server', true, true]]);
    expect([s.apply(r), s.apply(r), s.apply(stored('zz', 0, [['web_server', true, true]]))]).toEqual([true, false, false]);
    expect(s.view(T0, 10).summary).toEqual({ students: 2, reporting: 1, stuck: 0, results: 1 });
  });
});
