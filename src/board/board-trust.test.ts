import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Agent, request } from 'undici';
import {
  BOARD_SECRET,
  catalogResult,
  CLASS_YAML,
  instructorCookie,
  joinAs,
  startTestBoard,
  type TestBoard,
  bothStores,
} from '../../test/support/board-fixture';
import { memoryIo } from '../../test/support/memory-io';
import { writeHostOutcome } from '../batch/host-outcome';
import { main } from '../cli/main';
import type { GradeResult } from '../result/types';
import { isLoopbackHost, sendsInClear } from './board-address';
import { BatchBoardSender } from './batch-sender';
import type { BoardLimits } from './board-server';

/**
 * Grades of record stay of record (issue 21): each attack a student in the
 * room could make with the join code, against a real board on loopback, with
 * both stores; "nothing stored" checked on every 4xx.
 */

const { backends, scratch } = bothStores('board-trust');

async function post(url: string, body: string, headers: Record<string, string>, dispatcher?: Agent) {
  const res = await request(`${url}/api/results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...(dispatcher ? { dispatcher } : {}),
  });
  const json = (await res.body.json().catch(() => ({}))) as { error?: string };
  return { status: res.statusCode, error: json.error ?? '' };
}

const joinAnswer = (url: string, code: string, studentId: string) =>
  request(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, studentId }) }).then(
    async (r) => ({ status: r.statusCode, body: (await r.body.json()) as { token?: string; error?: string; student?: Record<string, string> } }),
  );

const bearer = (token: string, key: string) => ({ authorization: `Bearer ${token}`, 'idempotency-key': key });

async function get(url: string, headers: Record<string, string> = {}, dispatcher?: Agent) {
  const res = await request(url, { headers, ...(dispatcher ? { dispatcher } : {}) });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

const login = async (url: string, secret: string, dispatcher?: Agent) => {
  const res = await request(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ secret }).toString(),
    ...(dispatcher ? { dispatcher } : {}),
  });
  await res.body.dump();
  return { status: res.statusCode, cookie: String(res.headers['set-cookie'] ?? '') };
};

describe.each(backends)('grades of record (%s, real HTTP on loopback)', (_name, newDb) => {
  let board: TestBoard;
  const start = async (opts: { limits?: Partial<BoardLimits>; classYaml?: string; trustProxy?: string[] } = {}) => {
    const db = await newDb();
    return startTestBoard({ ...(db ? { db } : {}), ...opts });
  };
  afterEach(() => board?.close());
  const count = async () => (await board.store.resultsAfter(0)).length;

  test('a host of hosts: cannot be joined unless the class file allows it; the join answer does not give the name', async () => {
    board = await start();
    const host = await joinAnswer(board.url, board.server.joinCode, 's02');
    expect([host.status, host.body.error, host.body.token]).toEqual([
      403,
      's02 is graded over SSH (hosts: in the class file); joining as them is not allowed',
      undefined,
    ]);
    // s01 is a host with selfReport: true; s03 has no host.
    expect((await joinAnswer(board.url, board.server.joinCode, 's01')).status).toBe(201);
    const laptop = await joinAnswer(board.url, board.server.joinCode, 's03');
    expect([laptop.status, laptop.body.student]).toEqual([201, { id: 's03' }]);
    expect(await count()).toBe(0);
  });

  test('a verified result is never replaced by a self-reported one: the grid and grades.csv show it and flag the difference', async () => {
    board = await start();
    const token = await joinAs(board.url, board.server.joinCode, 's01');
    expect((await post(board.url, JSON.stringify(catalogResult('s01', { web_server: 1 })), bearer(BOARD_SECRET, 'batch:s01:round-1'))).status).toBe(201);
    expect((await post(board.url, JSON.stringify(catalogResult('s01', { web_server: 99 })), bearer(token, 'self-0000001'))).status).toBe(201);
    const cell = board.server.view().students[0]!.cells.find((c) => c.exercise === 'web_server')!;
    expect(cell).toMatchObject({ points: 10, max: 100, source: 'batch', reported: 100, state: 'partial' });
    expect(cell.fullAt).toBeUndefined();
    const cookie = await instructorCookie(board.url);
    const csv = (await get(`${board.url}/grades.csv`, { cookie })).text.split('\r\n');
    const header = csv[0]!.split(',');
    const row = csv[1]!.split(',');
    expect([row[header.indexOf('web_server')], row[header.indexOf('total')]]).toEqual(['10', '10']);
    expect(csv[1]).toMatch(/,"web_server: reported 100, verified 10",$/);
    const page = (await get(`${board.url}/`, { cookie })).text;
    expect(page).toContain('reported 100, verified 10');
  });

  test('points are checked against the catalogue: 1e308, more than the max, a wrong total are 422 and nothing is stored', async () => {
    board = await start();
    const token = await joinAs(board.url, board.server.joinCode, 's03');
    const edited = (edit: (r: GradeResult) => void) => {
      const r = catalogResult('s03', { web_server: 2 });
      edit(r);
      return JSON.stringify(r);
    };
    const cases: [string, string, RegExp][] = [
      ['points 1e308', edited((r) => ((r.exercises[0]!.checks[0]!.points = 1e308), (r.exercises[0]!.score.points = 1e308))), /1e\+308 points of 10/],
      [
        'max raised with the points',
        edited((r) => ((r.exercises[0]!.checks[0]!.maxPoints = 500), (r.exercises[0]!.checks[0]!.points = 500))),
        /is worth 10, not 500/,
      ],
      ['points on a failed check', edited((r) => (r.exercises[0]!.checks.at(-1)!.points = 5)), /points of/],
      ['exercise score not its checks', edited((r) => (r.exercises[0]!.score.points = 100)), /but its checks make 20\/100/],
      ['total not its exercises', edited((r) => (r.score = { points: 100, max: 100 })), /but its exercises make 20\/100/],
    ];
    for (const [what, body, error] of cases) {
      const answer = await post(board.url, body, bearer(token, `pts-${what.replace(/\W/g, '').slice(0, 30)}`));
      expect([what, answer.status, await count()]).toEqual([what, 422, 0]);
      expect(answer.error).toMatch(error);
    }
  });

  test('idempotency keys are scoped by sender: a student cannot take the key of an SSH round', async () => {
    board = await start();
    const token = await joinAs(board.url, board.server.joinCode, 's01');
    const round = catalogResult('s01', { web_server: 1 });
    const key = `batch:s01:${round.startedAt}`;
    expect((await post(board.url, JSON.stringify(catalogResult('s01', { web_server: 99 })), bearer(token, key))).status).toBe(201);
    expect((await post(board.url, JSON.stringify(round), bearer(BOARD_SECRET, key))).status).toBe(201);
    expect((await post(board.url, JSON.stringify(round), bearer(BOARD_SECRET, key))).status).toBe(409);
    expect((await board.store.resultsAfter(0)).map((r) => [r.source, r.sender.replace(/[0-9a-f]{12}$/, 'ID'), r.address])).toEqual([
      ['self', 'token:ID', '127.0.0.1'],
      ['batch', 'instructor', '127.0.0.1'],
    ]);
    expect(board.server.view().students[0]!.cells.find((c) => c.exercise === 'web_server')).toMatchObject({ points: 10, source: 'batch' });
  });

  test("an unreachable host's one-line reason from the SSH round is shown, in grades.csv and class.json; a student cannot send one", async () => {
    board = await start();
    const out = mkdtempSync(path.join(scratch(), 'batch-'));
    const host = { id: 's02', name: 's02', host: 'vm2.invalid', port: 22, user: 'u', vars: {} };
    const status = {
      schemaVersion: 1 as const,
      id: 's02',
      name: 's02',
      endpoint: 'ssh://u@vm2.invalid:22',
      state: 'error' as const,
      error: 'cannot connect to vm2.invalid:22 (ENOTFOUND)',
      startedAt: new Date().toISOString(),
      durationMs: 5,
    };
    writeHostOutcome(out, status, undefined, ['json']);
    const sender = new BatchBoardSender(board.url, BOARD_SECRET);
    sender.send(out, host, status);
    expect(await sender.roundDone()).toMatch(/^board: 0 /);
    await sender.close();
    expect(board.server.view().students[1]!.unreachable).toEqual({ reason: 'cannot connect to vm2.invalid:22 (ENOTFOUND)', at: expect.any(String) });
    const cookie = await instructorCookie(board.url);
    expect((await get(`${board.url}/grades.csv`, { cookie })).text.split('\r\n')[2]).toMatch(/,cannot connect to vm2\.invalid:22 \(ENOTFOUND\)$/);
    const json = JSON.parse((await get(`${board.url}/class.json`, { cookie })).text) as { board: { students: { unreachable?: unknown }[] } };
    expect(json.board.students[1]!.unreachable).toMatchObject({ reason: 'cannot connect to vm2.invalid:22 (ENOTFOUND)' });
    const token = await joinAs(board.url, board.server.joinCode, 's03');
    const forged = await request(`${board.url}/api/unreachable`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ studentId: 's01', reason: 'x' }),
    });
    await forged.body.dump();
    expect(forged.statusCode).toBe(401);
    expect(board.server.view().students[0]!.unreachable).toBeUndefined();
  });

  test('rotate-code changes the join code (tokens keep working); revoke --drop-results removes what their tokens sent', async () => {
    board = await start();
    const token = await joinAs(board.url, board.server.joinCode, 's03');
    expect((await post(board.url, JSON.stringify(catalogResult('s03', { web_server: 3 })), bearer(token, 'drop-0001'))).status).toBe(201);
    const old = board.server.joinCode;
    const { io, out } = memoryIo(board.dir);
    expect(await main(['board', 'rotate-code', '--class', board.classFile, '--db', board.db], io)).toBe(0);
    const code = /new join code: (\S+)/.exec(out.stderr)![1]!;
    expect(code).not.toBe(old);
    expect((await joinAnswer(board.url, old, 's03')).status).toBe(403);
    expect((await post(board.url, JSON.stringify(catalogResult('s03', { web_server: 4 })), bearer(token, 'drop-0002'))).status).toBe(201);
    expect((await joinAnswer(board.url, code, 's01')).status).toBe(201);
    const deadline = Date.now() + 3000;
    while (board.server.joinCode !== code && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(board.server.joinCode).toBe(code);

    expect(await main(['board', 'revoke', 's03', '--drop-results', '--class', board.classFile, '--db', board.db], io)).toBe(0);
    expect(out.stderr).toContain('s03: 2 self-reported result(s) removed');
    expect(await count()).toBe(0);
    const until = Date.now() + 3000;
    while (board.server.view().students[2]!.results && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(board.server.view().students[2]!.cells.every((c) => c.state === 'absent')).toBe(true);
    expect((await post(board.url, JSON.stringify(catalogResult('s03', { web_server: 3 })), bearer(token, 'drop-0003'))).status).toBe(401);
  });

  test('logout ends the session on the board; failed bearer attempts are limited per address like logins', async () => {
    board = await start({ limits: { loginsPerMinute: 5 } });
    const cookie = await instructorCookie(board.url);
    expect((await get(`${board.url}/class.json`, { cookie })).status).toBe(200);
    const out = await request(`${board.url}/logout`, { method: 'POST', headers: { cookie } });
    await out.body.dump();
    expect(out.statusCode).toBe(303);
    expect((await get(`${board.url}/class.json`, { cookie })).status).toBe(401);
    expect((await get(`${board.url}/`, { cookie })).status).toBe(303);
    // A new login works.
    expect((await get(`${board.url}/class.json`, { cookie: await instructorCookie(board.url) })).status).toBe(200);

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(`${board.url}/class.json`, { authorization: `Bearer guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Unknown tokens on pushes count the same.
    expect((await post(board.url, '{}', bearer('gbt_guess', 'guess-0001'))).status).toBe(429);
    // From another address, the secret still works.
    const other = new Agent({ localAddress: '127.0.0.9' });
    expect((await get(`${board.url}/class.json`, { authorization: `Bearer ${BOARD_SECRET}` }, other)).status).toBe(200);
    await other.close();
  });

  test('--trust-proxy: behind a real reverse proxy, limits and records use the forwarded address, and the cookie is Secure over https', async () => {
    board = await start({ trustProxy: ['127.0.0.1'], limits: { loginsPerMinute: 5 } });
    const proxy = await reverseProxy(board.url);
    try {
      const student = new Agent({ localAddress: '127.0.0.5' });
      const instructor = new Agent({ localAddress: '127.0.0.6' });
      const wrong: number[] = [];
      for (let i = 0; i < 6; i++) wrong.push((await login(proxy.url, `guess-${i}`, student)).status);
      expect(wrong).toEqual([401, 401, 401, 401, 401, 429]);
      // The instructor, behind the same proxy, is not limited by the student's guesses; over https the cookie is Secure.
      const ok = await login(proxy.url, BOARD_SECRET, instructor);
      expect([ok.status, ok.cookie]).toEqual([303, expect.stringMatching(/; Secure$/)]);
      const token = await joinAs(proxy.url, board.server.joinCode, 's03');
      expect((await post(proxy.url, JSON.stringify(catalogResult('s03', { web_server: 1 })), bearer(token, 'proxy-0001'), student)).status).toBe(201);
      expect((await board.store.resultsAfter(0)).map((r) => r.address)).toEqual(['127.0.0.5']);
      // Straight to the board (not through the proxy) a forged header is not believed.
      const direct = new Agent({ localAddress: '127.0.0.7' });
      expect(
        (
          await post(
            board.url,
            JSON.stringify(catalogResult('s03', { web_server: 2 })),
            { ...bearer(token, 'proxy-0002'), 'x-forwarded-for': '10.9.9.9' },
            direct,
          )
        ).status,
      ).toBe(201);
      expect((await board.store.resultsAfter(0)).map((r) => r.address)).toEqual(['127.0.0.5', '127.0.0.7']);
      expect((await login(board.url, BOARD_SECRET, direct)).cookie).not.toMatch(/Secure/);
      await Promise.all([student.close(), instructor.close(), direct.close()]);
    } finally {
      await proxy.close();
    }
  });

  test('without --trust-proxy, the same proxy makes every student one address (what the option is for)', async () => {
    board = await start({ limits: { loginsPerMinute: 5 } });
    const proxy = await reverseProxy(board.url);
    try {
      const student = new Agent({ localAddress: '127.0.0.5' });
      for (let i = 0; i < 5; i++) await login(proxy.url, `guess-${i}`, student);
      expect((await login(proxy.url, BOARD_SECRET)).status).toBe(429);
      await student.close();
    } finally {
      await proxy.close();
    }
  });

  test('names: bidirectional controls are removed on the page and in grades.csv', async () => {
    board = await start({ classYaml: `${CLASS_YAML}  - { id: s04, name: "\u202eevil\u202c Student" }\n` });
    const cookie = await instructorCookie(board.url);
    const page = (await get(`${board.url}/`, { cookie })).text;
    const csv = (await get(`${board.url}/grades.csv`, { cookie })).text;
    expect(page).toContain('evil Student');
    expect(csv).toContain('s04,evil Student');
    expect(page + csv).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});

test('plain HTTP beyond this machine is named as such (the warnings of grade board, batch and init)', () => {
  expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.9.9.9'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
  expect(['0.0.0.0', '10.0.0.5', 'board.example.org', '::'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  expect(['http://10.0.0.5:8700', 'https://10.0.0.5', 'http://127.0.0.1:8700', 'http://localhost:1'].map(sendsInClear)).toEqual([true, false, false, false]);
});

/**
 * A TLS-terminating reverse proxy as the README recommends, minus the TLS: it
 * forwards every request to the board with X-Forwarded-For (the client's
 * address) and X-Forwarded-Proto: https, from 127.0.0.1.
 */
async function reverseProxy(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forwarded = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        localAddress: '127.0.0.1',
        headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress!, 'x-forwarded-proto': 'https' },
      },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
