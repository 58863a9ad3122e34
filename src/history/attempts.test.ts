import { SetupError } from '../errors/setup-error';
import { attempt } from '../../test/support/grade-results';
import { historyFor, RECENT_ATTEMPTS, reportFromHistory, sameLearner } from './attempts';

const at = (hour: number) => `2026-11-27T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('best earlier attempt', () => {
  test('the best score among earlier attempts of the same exercise; ties go to the most recent', () => {
    const earlier = [
      attempt(at(9), { web_server: 40 }),
      attempt(at(10), { web_server: 80, memory_limits: 20 }),
      attempt(at(11), { web_server: 60 }),
      attempt(at(12), { web_server: 80 }),
      attempt(at(13), { memory_limits: 50 }),
    ];
    const live = attempt(at(14), { web_server: 70, memory_limits: 100, bridge_isolation: 0 });
    const h = historyFor(live, earlier);
    expect(h.get('web_server')).toEqual({
      gradedAt: at(14),
      best: { startedAt: at(12), score: { points: 80, max: 100 } },
      recent: [12, 11, 10, 9].map((hour, i) => ({ startedAt: at(hour), score: { points: [80, 60, 80, 40][i]!, max: 100 } })),
      count: 4,
    });
    expect(h.get('memory_limits')!.best).toEqual({ startedAt: at(13), score: { points: 50, max: 100 } });
    expect(h.get('bridge_isolation')).toEqual({ gradedAt: at(14), recent: [], count: 0 });
  });

  test('scores compare as fractions of their maximum (a spec may change its maximum)', () => {
    const a = attempt(at(9), { web_server: 50 });
    a.exercises[0]!.score = { points: 50, max: 50 };
    const b = attempt(at(10), { web_server: 90 });
    expect(historyFor(attempt(at(11), { web_server: 0 }), [a, b]).get('web_server')!.best!.startedAt).toBe(at(9));
  });

  test('order is by start time, not by file order', () => {
    const late = attempt(at(12), { web_server: 70 });
    const early = attempt(at(9), { web_server: 70 });
    const h = historyFor(attempt(at(13), { web_server: 0 }), [late, early]).get('web_server')!;
    expect(h.best!.startedAt).toBe(at(12));
    expect(h.recent.map((r) => r.startedAt)).toEqual([at(12), at(9)]);
  });

  test('only the same host, and the same student when the result names one', () => {
    const live = attempt(at(14), { web_server: 10 }, { student: { id: 'alice' } });
    const otherHost = attempt(
      at(9),
      { web_server: 100 },
      { student: { id: 'alice' }, target: { kind: 'local', endpoint: 'tcp://other:2375', dockerVersion: '1' } },
    );
    const otherStudent = attempt(at(10), { web_server: 90 }, { student: { id: 'bob' } });
    const noId = attempt(at(11), { web_server: 80 }, { student: { name: 'Alice' } });
    const mine = attempt(at(12), { web_server: 30 }, { student: { id: 'alice' } });
    expect(
      historyFor(live, [otherHost, otherStudent, noId, mine])
        .get('web_server')!
        .recent.map((r) => r.startedAt),
    ).toEqual([at(12)]);
    // Without an id on the live result, every earlier grading of the host counts.
    const anonymous = attempt(at(14), { web_server: 10 }, { student: {} });
    expect(sameLearner(anonymous, otherStudent)).toBe(true);
    expect(sameLearner(anonymous, otherHost)).toBe(false);
  });

  test(`at most ${RECENT_ATTEMPTS} recent attempts, most recent first, with the full count`, () => {
    const earlier = Array.from({ length: 14 }, (_, i) => attempt(at(i), { web_server: i }));
    const h = historyFor(attempt(at(20), { web_server: 0 }), earlier).get('web_server')!;
    expect(h.recent).toHaveLength(RECENT_ATTEMPTS);
    expect(h.recent[0]!.startedAt).toBe(at(13));
    expect(h.count).toBe(14);
    expect(h.best!.score.points).toBe(13);
  });
});

describe('report from history', () => {
  const records = [
    attempt(at(9), { ubuntu_with_ping: 100, web_server: 40 }),
    attempt(at(10), { web_server: 90 }),
    attempt(at(11), { web_server: 60, memory_limits: 30 }),
  ];

  test('the latest result of each exercise, with the attempts before it', () => {
    const { result, history } = reportFromHistory(records, [], 'h.jsonl');
    expect(result.exercises.map((e) => [e.id, e.score.points])).toEqual([
      ['ubuntu_with_ping', 100],
      ['web_server', 60],
      ['memory_limits', 30],
    ]);
    expect(result.score).toEqual({ points: 190, max: 300 });
    expect(result.startedAt).toBe(at(11));
    // The runs the report draws from: 9:00 and 11:00 (10:00's web_server was graded again at 11:00).
    expect(result.durationMs).toBe(2 * records[0]!.durationMs);
    expect(history!.get('ubuntu_with_ping')).toEqual({ gradedAt: at(9), recent: [], count: 0 });
    expect(history!.get('web_server')).toMatchObject({ gradedAt: at(11), best: { startedAt: at(10), score: { points: 90 } }, count: 2 });
  });

  test('only the exercises asked for, in course order', () => {
    const { result } = reportFromHistory(records, ['memory_limits', 'ubuntu_with_ping'], 'h.jsonl');
    expect(result.exercises.map((e) => e.id)).toEqual(['ubuntu_with_ping', 'memory_limits']);
    expect(result.durationMs).toBe(2 * records[0]!.durationMs);
  });

  test('an exercise never graded, or an empty history, is a clear SetupError', () => {
    expect(() => reportFromHistory(records, ['bridge_isolation'], 'h.jsonl')).toThrow(
      new SetupError('no graded attempt of bridge_isolation for unix:///var/run/docker.sock in history h.jsonl'),
    );
    expect(() => reportFromHistory([], [], 'h.jsonl')).toThrow(/holds no graded run yet/);
  });

  test('the learner of the most recent record: another host in the same file is left out', () => {
    const other = attempt(at(12), { web_server: 5 }, { target: { kind: 'local', endpoint: 'tcp://lab2:2375', dockerVersion: '1' } });
    const { result } = reportFromHistory([...records, other], [], 'h.jsonl');
    expect(result.exercises.map((e) => e.id)).toEqual(['web_server']);
    expect(result.target.endpoint).toBe('tcp://lab2:2375');
  });
});
