import { mkdtempSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { request } from 'undici';
import { catalogResult, instructorCookie, joinAs, startTestBoard, type StoreName, type TestBoard, bothStores } from './board-fixture';
import { memoryIo } from './memory-io';
import { main } from '../../src/cli/main';
import type { GradeResult } from '../../src/result/types';
import type { BoardLimits } from '../../src/board/board-server';
import type { BoardStore } from '../../src/board/board-store';
import { openBoardStore } from '../../src/board/open-store';
import { pushAfterRun } from '../../src/board/push-after-run';

/**
 * The board's memory and connections are bounded by the class, not by what a
 * student sends: each hostile push of issue 19, against a real board on
 * loopback. One test file per store (board-bounds.sqlite.test.ts,
 * board-bounds.postgres.test.ts), so the two run at once in the fast loop.
 */
export function boardBoundsSuite(store: StoreName): void {
  const { backends, scratch } = bothStores(`board-bounds-${store.toLowerCase()}`, store);

  async function post(url: string, body: string, headers: Record<string, string>) {
    const res = await request(`${url}/api/results`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const json = (await res.body.json().catch(() => ({}))) as { error?: string };
    return { status: res.statusCode, error: json.error ?? '' };
  }

  const join = (url: string, code: string, studentId: string) =>
    request(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, studentId }) }).then(
      async (r) => ({ status: r.statusCode, body: (await r.body.json()) as { token?: string; error?: string; student?: Record<string, string> } }),
    );

  /** A valid result of s03 for real exercises, then changed by `edit`. */
  function edited(edit: (r: GradeResult) => void): string {
    const r = catalogResult('s03', { web_server: 3, first_steps: 1 });
    edit(r);
    return JSON.stringify(r);
  }

  /** `"DEEP"` in the JSON replaced by an array nested `depth` deep (JSON.stringify itself could not make it). */
  const nested = (json: string, depth: number) => json.replace('"DEEP"', `${'['.repeat(depth)}1${']'.repeat(depth)}`);

  describe.each(backends)('board bounds (%s, real HTTP on loopback)', (_name, newDb) => {
    let board: TestBoard;
    const start = async (limits?: Partial<BoardLimits>, classYaml?: string, clockTickMs?: number) => {
      const db = await newDb();
      return startTestBoard({
        ...(db ? { db } : {}),
        ...(classYaml ? { classYaml } : {}),
        ...(limits ? { limits } : {}),
        ...(clockTickMs ? { clockTickMs } : {}),
      });
    };
    afterEach(() => board?.close());

    test('results are checked against the catalogue and capped: each hostile push a 4xx, nothing stored, the page unchanged', async () => {
      board = await start();
      const token = await joinAs(board.url, board.server.joinCode, 's03');
      const cookie = await instructorCookie(board.url);
      const page = async () => (await (await request(`${board.url}/`, { headers: { cookie } })).body.text()).length;
      const auth = (key: string) => ({ authorization: `Bearer ${token}`, 'idempotency-key': key });
      expect(
        await post(
          board.url,
          edited(() => undefined),
          auth('good-0001'),
        ),
      ).toEqual({ status: 201, error: '' });
      const before = await page();

      const cases: [string, string, number, RegExp][] = [
        ['unknown exercise id', edited((r) => (r.exercises[0]!.id = 'not_an_exercise')), 422, /unknown exercise "not_an_exercise"/],
        ['exercise id of 500k "&"', edited((r) => (r.exercises[0]!.id = '&'.repeat(500_000))), 422, /must NOT have more than 4096 characters/],
        ['exercise id of 4,000 "&"', edited((r) => (r.exercises[0]!.id = '&'.repeat(4000))), 422, /unknown exercise "&{80}…"/],
        ['unknown check id', edited((r) => (r.exercises[0]!.checks[0]!.id = 'not_a_check')), 422, /unknown check "not_a_check"/],
        ['a string over 4 KiB', edited((r) => (r.exercises[0]!.checks[0]!.message = 'x'.repeat(5000))), 422, /must NOT have more than 4096 characters/],
        ['an array of 300 slides', edited((r) => (r.exercises[0]!.slides = Array<string>(300).fill('s'))), 422, /must NOT have more than 256 items/],
        [
          'evidence nested 5,000 deep',
          nested(
            edited((r) => (r.exercises[0]!.checks[0]!.evidence = { actual: 'DEEP' })),
            5000,
          ),
          422,
          /not a GradeResult/,
        ],
        [
          'evidence nested 10 deep',
          nested(
            edited((r) => (r.exercises[0]!.checks[0]!.evidence = { actual: 'DEEP' })),
            10,
          ),
          422,
          /not a GradeResult/,
        ],
      ];
      for (const [what, body, status, error] of cases) {
        const stored = (await board.store.resultsAfter(0)).length;
        const answer = await post(board.url, body, auth(`bad-${what.replace(/[^a-z0-9]/gi, '').slice(0, 40)}`));
        expect([what, answer.status, (await board.store.resultsAfter(0)).length]).toEqual([what, status, stored]);
        expect(answer.error).toMatch(error);
        expect(answer.error.length).toBeLessThan(400);
      }
      // Evidence a few levels deep is still a result.
      expect(
        (
          await post(
            board.url,
            nested(
              edited((r) => (r.exercises[0]!.checks[0]!.evidence = { actual: 'DEEP' })),
              6,
            ),
            auth('good-0002'),
          )
        ).status,
      ).toBe(201);
      expect(await page()).toBe(before);
    });

    test('the student client drops a result the board refused with a 4xx instead of sending it on every later run', async () => {
      board = await start();
      const dir = mkdtempSync(path.join(scratch(), 'queue-'));
      const link = { url: board.url, token: await joinAs(board.url, board.server.joinCode, 's03'), queueDir: path.join(dir, 'board-queue') };
      const deep = JSON.parse(edited(() => undefined)) as GradeResult;
      // Evidence nested 20 deep: the board refuses it (422) whatever the sender does, so the queue must not keep it.
      deep.exercises[0]!.checks[0]!.evidence = { actual: JSON.parse(nested('"DEEP"', 20)) as unknown };
      const stderr = new PassThrough();
      let line = '';
      stderr.on('data', (d: Buffer) => (line += d.toString()));
      await pushAfterRun(deep, link, { stderr }, 5000);
      expect(line).toMatch(/^board: http:\/\/127\.0\.0\.1:\d+ refused a result \(422: not a GradeResult/);
      expect(readdirSync(link.queueDir)).toEqual([]);
      expect(await board.store.resultsAfter(0)).toEqual([]);
    });

    test('one token per student at a time, and joins limited per student id whatever the address', async () => {
      board = await start({ joinsPerStudentPerMinute: 3 });
      const first = await joinAs(board.url, board.server.joinCode, 's03');
      const second = await joinAs(board.url, board.server.joinCode, 's03');
      expect(
        await post(
          board.url,
          edited(() => undefined),
          { authorization: `Bearer ${first}`, 'idempotency-key': 'old-token-1' },
        ),
      ).toEqual({
        status: 401,
        error: expect.stringMatching(/revoked/),
      });
      expect(
        (
          await post(
            board.url,
            edited(() => undefined),
            { authorization: `Bearer ${second}`, 'idempotency-key': 'new-token-1' },
          )
        ).status,
      ).toBe(201);
      expect((await join(board.url, board.server.joinCode, 's03')).status).toBe(201);
      const fourth = await join(board.url, board.server.joinCode, 's03');
      expect([fourth.status, fourth.body.error]).toEqual([429, expect.stringMatching(/too many joins as s03/)]);
      // Another student is not limited by s03's joins.
      expect((await join(board.url, board.server.joinCode, 's01')).status).toBe(201);
      expect((await board.store.resultsAfter(0)).map((r) => r.idempotencyKey)).toEqual(['new-token-1']);
    });

    test('memory holds what the page shows: pushed text is not kept, and a restart reads the saved progress, not the history', async () => {
      board = await start();
      const token = await joinAs(board.url, board.server.joinCode, 's03');
      for (let i = 0; i < 5; i++) {
        // Near the body limit: long but valid messages and evidence.
        const body = edited((r) =>
          r.exercises.forEach((e) =>
            e.checks.forEach((c) => ((c.message = 'm'.repeat(4000)), (c.evidence = { actual: ['a'.repeat(4000), 'b'.repeat(4000)] }))),
          ),
        );
        expect((await post(board.url, body, { authorization: `Bearer ${token}`, 'idempotency-key': `big-000${i}` })).status).toBe(201);
      }
      const before = board.server.view();
      await board.stop();
      const saved = await withStore(board.db, (s) => s.progress());
      expect(saved.map((p) => p.studentId)).toEqual(['s03']);
      // What the page needs of s03: a few numbers per exercise, none of the 40 KiB of text each push carried.
      expect(saved[0]!.state.length).toBeLessThan(2000);
      expect(saved[0]!.state).not.toContain('mmmm');

      const reads = { results: 0 };
      const db = board.db;
      board = await startTestBoard({ dir: board.dir, db, wrapStore: (s) => countingReads(s, reads) });
      expect(board.server.view().students).toEqual(before.students);
      expect(reads.results).toBe(0);
    });

    test('stored history can be pruned; the board shows the same after, and its size is said at start', async () => {
      board = await start();
      const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
      for (let i = 0; i < 3; i++) {
        await board.store.addResult({
          studentId: 's03',
          source: 'self',
          sender: 'token:0123456789ab',
          address: '127.0.0.1',
          idempotencyKey: `old-key-${i}`,
          receivedAt: old,
          result: catalogResult('s03', { web_server: i }),
        });
      }
      const token = await joinAs(board.url, board.server.joinCode, 's03');
      expect(
        (
          await post(
            board.url,
            edited(() => undefined),
            { authorization: `Bearer ${token}`, 'idempotency-key': 'new-key-01' },
          )
        ).status,
      ).toBe(201);
      await board.stop();
      const { io, out } = memoryIo(board.dir);
      expect(await main(['board', 'prune', '--older-than', '30d', '--class', board.classFile, '--db', board.db], io)).toBe(0);
      expect(out.stderr).toMatch(/^board: removed 3 result\(s\) received before \d{4}-\d\d-\d\dT[^;]*; 1 kept, [\d.]+ MB\n$/);
      expect((await withStore(board.db, (s) => s.resultsAfter(0))).map((r) => r.idempotencyKey)).toEqual(['new-key-01']);
      const bad = memoryIo(board.dir);
      expect(await main(['board', 'prune', '--older-than', 'soon', '--class', board.classFile, '--db', board.db], bad.io)).toBe(2);
      expect(bad.out.stderr).toMatch(/--older-than/);
    });

    test('a slow body or slow headers do not hold a connection; one address cannot take all connections', async () => {
      board = await start({ requestMs: 2000, headersMs: 1500, connectionsPerAddress: 5 });
      const port = Number(new URL(board.url).port);
      const slowBody = await rawSocket(port, '127.0.0.1');
      slowBody.socket.write(`POST /api/join HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{`);
      const slowHeaders = await rawSocket(port, '127.0.0.1');
      slowHeaders.socket.write('GET /healthz HTTP/1.1\r\nhost: x\r\n');
      const t0 = Date.now();
      await Promise.all([slowBody.closed, slowHeaders.closed]);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(slowBody.text()).toMatch(/^HTTP\/1\.1 408/);

      // Five idle connections from one address: a sixth from it is closed at once; another address is served.
      const idle = await Promise.all([1, 2, 3, 4, 5].map(() => rawSocket(port, '127.0.0.1')));
      const sixth = await rawSocket(port, '127.0.0.1');
      const t1 = Date.now();
      await sixth.closed;
      expect(Date.now() - t1).toBeLessThan(500);
      const other = await rawSocket(port, '127.0.0.2');
      other.socket.write('GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
      await other.closed;
      expect(other.text()).toMatch(/^HTTP\/1\.1 200[\s\S]*\{"ok":true\}$/);
      idle.forEach((c) => c.socket.destroy());
    });

    test('a page that does not read its event stream is dropped, not buffered without end', async () => {
      // 300 students: each update of the page is a few hundred KB, as in a real class.
      const students = Array.from({ length: 300 }, (_, i) => `  - { id: p${i}, name: Student ${i} }`);
      // The clock ticks every 100 ms: updates come as fast as the board sends them (five a second), not once a second, so the
      // kernel's socket buffers (several MB on loopback) fill in seconds; the page is still dropped only by the byte bound.
      board = await start({ streamBufferBytes: 64 * 1024 }, `students:\n${students.join('\n')}\n`, 100);
      const cookie = await instructorCookie(board.url);
      const page = await rawSocket(Number(new URL(board.url).port), '127.0.0.1', true);
      page.socket.write(`GET /events HTTP/1.1\r\nhost: x\r\ncookie: ${cookie}\r\n\r\n`);
      while (board.server.pageStreams === 0) await new Promise((r) => setTimeout(r, 20));
      // Every update differs (the clock moves a minute): unread, they pile up in the board until it drops the page.
      const deadline = Date.now() + 60_000;
      while (board.server.pageStreams > 0 && Date.now() < deadline) {
        board.advance(60_000);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(board.server.pageStreams).toBe(0);
      // The page, reading again, finds its connection closed (and would reconnect).
      page.socket.resume();
      await page.closed;
    }, 90_000);
  });
}

async function withStore<T>(db: string, use: (s: BoardStore) => Promise<T>): Promise<T> {
  const store = await openBoardStore(db);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The store, counting the results it hands out. */
function countingReads(store: BoardStore, reads: { results: number }): BoardStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'resultsAfter' || prop === 'studentResultsAfter' || prop === 'resultBySeq') {
        return async (...args: unknown[]) => {
          const out = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
          reads.results += Array.isArray(out) ? out.length : out ? 1 : 0;
          return out;
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** A raw TCP connection from a given loopback address; `paused` never reads what the board sends. */
function rawSocket(port: number, localAddress: string, paused = false): Promise<{ socket: net.Socket; closed: Promise<void>; text: () => string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    let text = '';
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      if (paused) socket.pause();
      else socket.on('data', (d: Buffer) => (text += d.toString()));
      resolve({ socket, closed, text: () => text });
    });
    socket.once('error', reject);
  });
}
