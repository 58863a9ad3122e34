import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogResult, joinAs, startTestBoard } from '../../test/support/board-fixture';
import { exercise, gradeResult } from '../../test/support/grade-results';
import { startPostgres, type PostgresCluster } from '../../test/support/postgres';
import { BoardClient } from './board-client';
import type { BoardStore, NewResult } from './board-store';
import { openBoardStore } from './open-store';
import { within } from '../time/deadline';

const result = (student: string, points: number) =>
  gradeResult(
    [
      exercise('web_server', [
        { id: 'image', title: 'Image', kind: 'image.exists', status: points ? 'pass' : 'fail', points, maxPoints: 10, message: 'm', durationMs: 1 },
      ]),
    ],
    {
      student: { id: student, name: student },
    },
  );

const push = (studentId: string, key: string, points = 10): NewResult => ({
  studentId,
  source: 'self',
  sender: 'token:0123456789ab',
  address: '127.0.0.1',
  idempotencyKey: key,
  receivedAt: '2026-11-30T10:00:00.000Z',
  result: result(studentId, points),
});

let pg: PostgresCluster;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grade-board-store-'));
  pg = await startPostgres();
}, 120_000);
afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
// The same tests for both stores: the board must not care which one it has.
const backends: [string, () => Promise<string>][] = [
  ['SQLite', async () => path.join(dir, `board-${++n}.sqlite`)],
  ['PostgreSQL', () => pg.database('board')],
];

describe.each(backends)('board store: %s', (_name, newDb) => {
  let db: string;
  let store: BoardStore;
  beforeEach(async () => {
    db = await newDb();
    store = await openBoardStore(db);
  });
  afterEach(() => store.close());

  test('every result kept in arrival order, whole; a key repeated by the same student is stored once', async () => {
    const a = await store.addResult(push('s01', 'key-0001', 0));
    const b = await store.addResult(push('s01', 'key-0002', 10));
    expect(await store.addResult(push('s01', 'key-0001', 10))).toBe('duplicate');
    // Keys belong to a student: another student may happen to pick the same one.
    const c = await store.addResult(push('s02', 'key-0001', 10));
    const all = await store.resultsAfter(0);
    expect(all.map((r) => [r.studentId, r.idempotencyKey, r.result.score.points])).toEqual([
      ['s01', 'key-0001', 0],
      ['s01', 'key-0002', 10],
      ['s02', 'key-0001', 10],
    ]);
    expect(a !== 'duplicate' && b !== 'duplicate' && c !== 'duplicate' && a.seq < b.seq && b.seq < c.seq).toBe(true);
    expect(all[1]).toEqual(b);
    expect(await store.resultsAfter(all[1]!.seq)).toEqual([all[2]]);
    expect(await store.resultBySeq(all[0]!.seq)).toEqual(all[0]);
    expect(await store.resultBySeq(999_999)).toBeUndefined();
  });

  test('a setting keeps its first value; tokens are found by hash, one live per student, and revoked per student', async () => {
    expect(await store.settingOrInit('join_code', 'AAAA')).toBe('AAAA');
    expect(await store.settingOrInit('join_code', 'BBBB')).toBe('AAAA');
    await store.addToken('h1', 's01', '2026-11-30T10:00:00.000Z');
    expect(await store.token('h1')).toEqual({ studentId: 's01', revoked: false });
    // A new token of the same student replaces the one they had.
    await store.addToken('h2', 's01', '2026-11-30T10:01:00.000Z');
    await store.addToken('h3', 's02', '2026-11-30T10:01:00.000Z');
    expect(await store.token('h1')).toEqual({ studentId: 's01', revoked: true });
    expect(await store.token('nope')).toBeUndefined();
    expect(await store.revokeTokens('s01', '2026-11-30T11:00:00.000Z')).toBe(1);
    expect(await store.revokeTokens('s01', '2026-11-30T11:00:00.000Z')).toBe(0);
    expect(await store.token('h2')).toEqual({ studentId: 's01', revoked: true });
    expect(await store.token('h3')).toEqual({ studentId: 's02', revoked: false });
  });

  test('saved progress reads back as numbers in both databases, and never goes back to a lower upTo', async () => {
    await store.saveProgress([
      { studentId: 's01', upTo: 7, state: '{"a":1}' },
      { studentId: 's02', upTo: 3, state: '{"b":1}' },
    ]);
    // Another instance saving what it folded in earlier must not undo the later save.
    await store.saveProgress([{ studentId: 's01', upTo: 5, state: '{"stale":true}' }]);
    await store.saveProgress([{ studentId: 's02', upTo: 4, state: '{"b":2}' }]);
    const saved = (await store.progress()).sort((x, y) => x.studentId.localeCompare(y.studentId));
    expect(saved).toEqual([
      { studentId: 's01', upTo: 7, state: '{"a":1}' },
      { studentId: 's02', upTo: 4, state: '{"b":2}' },
    ]);
  });

  test('reopened (a board restarted mid-lab), nothing is lost', async () => {
    await store.addResult(push('s01', 'key-0001'));
    await store.addToken('h1', 's01', '2026-11-30T10:00:00.000Z');
    await store.settingOrInit('join_code', 'AAAA');
    await store.close();
    store = await openBoardStore(db);
    expect((await store.resultsAfter(0)).map((r) => r.idempotencyKey)).toEqual(['key-0001']);
    expect(await store.token('h1')).toEqual({ studentId: 's01', revoked: false });
    expect(await store.settingOrInit('join_code', 'BBBB')).toBe('AAAA');
    expect(await store.addResult(push('s01', 'key-0001'))).toBe('duplicate');
  });
});

test('PostgreSQL: a board instance learns of the results another instance stored', async () => {
  const url = await pg.database('shared');
  const [first, second] = [await openBoardStore(url), await openBoardStore(url)];
  try {
    const heard: number[] = [];
    await first.watch((seq) => heard.push(seq));
    const stored = await second.addResult(push('s01', 'key-0001'));
    expect(await second.addResult(push('s01', 'key-0001'))).toBe('duplicate');
    const deadline = Date.now() + 5000;
    while (!heard.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual([stored !== 'duplicate' && stored.seq]);
  } finally {
    await first.close();
    await second.close();
  }
});

test('two board instances on one PostgreSQL database: a push to one shows on the other, stored once', async () => {
  const url = await pg.database('instances');
  const [a, b] = [await startTestBoard({ db: url }), await startTestBoard({ db: url })];
  try {
    expect(b.server.joinCode).toBe(a.server.joinCode);
    const token = await joinAs(a.url, a.server.joinCode, 's03');
    const client = new BoardClient(b.url, token);
    const r = catalogResult('s03', { web_server: 2, volumes: 1 });
    expect(await within(5000, (signal) => client.push(r, 'instance-0001', signal))).toEqual({ kind: 'stored' });
    // The retry reaches the other instance: still stored once.
    const other = new BoardClient(a.url, token);
    expect(await within(5000, (signal) => other.push(r, 'instance-0001', signal))).toEqual({ kind: 'duplicate' });
    await Promise.all([client.close(), other.close()]);
    const deadline = Date.now() + 5000;
    while (a.server.view().summary.results === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect(a.server.view().students[2]).toEqual(b.server.view().students[2]);
    expect(a.server.view().summary.results).toBe(1);
  } finally {
    await a.close();
    await b.close();
  }
});

test('a database that cannot be opened is a setup error that does not show the URL', async () => {
  await expect(openBoardStore('postgres://user:hunter2@127.0.0.1:1/x')).rejects.toThrow(/^cannot open the board's PostgreSQL database: (?!.*hunter2)/);
});
