import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attempt } from '../../test/support/grade-results';
import { setupErrorOf } from '../../test/support/setup-error';
import { SetupError } from '../errors/setup-error';
import { indexFileOf, readAttemptHistory } from './attempt-index';
import { historyFor, RECENT_ATTEMPTS } from './attempts';
import { appendToHistory, readHistory } from './store';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 8, 0) + minute * 60_000).toISOString();
const other = { kind: 'local' as const, endpoint: 'tcp://other:2375', dockerVersion: '1' };

/** A history of mixed learners, exercises, scores and clock order: every rule of historyFor has something to decide. */
function records(n: number) {
  return Array.from({ length: n }, (_, i) =>
    attempt(
      // Some start times out of file order, some equal.
      at(i % 7 === 3 ? i - 5 : i % 11 === 0 ? i - 1 : i),
      { [['web_server', 'volumes', 'logging'][i % 3]!]: (i * 37) % 101, ...(i % 5 === 0 ? { first_steps: (i * 13) % 100 } : {}) },
      {
        ...(i % 4 === 1 ? { student: { id: 'alice' } } : i % 4 === 2 ? { student: { id: 'bob' } } : {}),
        ...(i % 9 === 4 ? { target: other } : {}),
      },
    ),
  );
}

const live = [
  attempt(at(10_000), { web_server: 0, volumes: 0, logging: 0, first_steps: 0, memory_limits: 0 }),
  attempt(at(10_000), { web_server: 0, volumes: 0, logging: 0 }, { student: { id: 'alice' } }),
  attempt(at(10_000), { web_server: 0, volumes: 0 }, { target: other }),
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grade-attempt-index-'));
});

describe('the attempt index', () => {
  test('answers what reading the whole history answers: from scratch, and after each append', () => {
    const file = path.join(dir, 'history.jsonl');
    for (const r of records(60)) appendToHistory(file, r);
    for (const r of records(90).slice(60)) {
      const h = readAttemptHistory(file);
      const whole = readHistory(file).records;
      for (const l of live) expect(h.before(l)).toEqual(historyFor(l, whole));
      h.appended(r, appendToHistory(file, r));
    }
    const whole = readHistory(file).records;
    for (const l of live) expect(readAttemptHistory(file).before(l)).toEqual(historyFor(l, whole));
  });

  test('catches up with records another grader appended, and is rebuilt when the history was replaced', () => {
    const file = path.join(dir, 'history.jsonl');
    const rs = records(40);
    for (const r of rs.slice(0, 20)) appendToHistory(file, r);
    readAttemptHistory(file);
    for (const r of rs.slice(20, 30)) appendToHistory(file, r); // not through the index
    expect(readAttemptHistory(file).before(live[0]!)).toEqual(historyFor(live[0]!, rs.slice(0, 30)));
    // A different history under the same name, longer than the one indexed.
    writeFileSync(file, '');
    for (const r of rs.slice(5, 40)) appendToHistory(file, r);
    expect(readAttemptHistory(file).before(live[0]!)).toEqual(historyFor(live[0]!, rs.slice(5, 40)));
    // Shortened.
    writeFileSync(file, '');
    appendToHistory(file, rs[0]!);
    expect(readAttemptHistory(file).before(live[0]!)).toEqual(historyFor(live[0]!, [rs[0]!]));
  });

  test('a damaged index is rebuilt; a damaged record after it is reported by its line, as the whole reader does', () => {
    const file = path.join(dir, 'history.jsonl');
    const rs = records(10);
    for (const r of rs) appendToHistory(file, r);
    writeFileSync(indexFileOf(file), '{"format":"grade-history-index","version":1,"bytes":3');
    expect(readAttemptHistory(file).before(live[0]!)).toEqual(historyFor(live[0]!, rs));
    appendFileSync(file, '{"not":"a result"}\n');
    const error = (() => {
      try {
        readAttemptHistory(file);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SetupError);
    expect((error as SetupError).message).toContain(`${file}:12`);
    expect(() => readHistory(file)).toThrow(`${file}:12`);
  });

  test('no history yet: nothing earlier; a file that is not a history is refused before the index is trusted', () => {
    const file = path.join(dir, 'history.jsonl');
    expect(readAttemptHistory(file).before(live[0]!).get('web_server')).toEqual({ gradedAt: at(10_000), recent: [], count: 0 });
    appendToHistory(file, records(1)[0]!);
    readAttemptHistory(file);
    writeFileSync(file, `${readFileSync(file, 'utf8').replace('grade-history', 'something-else')}`);
    expect(() => readAttemptHistory(file)).toThrow(SetupError);
  });

  test('a folder at the path, or a path through a file, is the clear error the whole reader gives', () => {
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    expect(setupErrorOf(() => readAttemptHistory(folder)).line()).toBe(setupErrorOf(() => readHistory(folder)).line());
    writeFileSync(path.join(dir, 'file'), '');
    const through = path.join(dir, 'file', 'history.jsonl');
    expect(setupErrorOf(() => readAttemptHistory(through)).line()).toBe(setupErrorOf(() => readHistory(through)).line());
  });

  test('its size is bounded by learners and exercises, not by attempts', () => {
    const file = path.join(dir, 'history.jsonl');
    const rs = records(1200);
    for (const r of rs) appendToHistory(file, r);
    readAttemptHistory(file);
    const index = JSON.parse(readFileSync(indexFileOf(file), 'utf8')) as {
      records: number;
      learners: Record<string, Record<string, Record<string, { count: number; recent: unknown[] }>>>;
    };
    const kept = Object.values(index.learners).flatMap((students) => Object.values(students).flatMap((exercises) => Object.values(exercises)));
    expect(index.records).toBe(1200);
    // 2 hosts × 3 students × 4 exercises at most, each keeping a count, its best and RECENT_ATTEMPTS attempts.
    expect(kept.length).toBeLessThanOrEqual(24);
    expect(kept.every((k) => k.recent.length <= RECENT_ATTEMPTS)).toBe(true);
    expect(kept.reduce((n, k) => n + k.count, 0)).toBeGreaterThan(1200);
  });
});
