import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { BOARD_SECRET, instructorCookie, joinAs, startTestBoard, type TestBoard } from '../../test/support/board-fixture';
import { exercise, HOSTILE, mixedResult } from '../../test/support/grade-results';
import { memoryIo } from '../../test/support/memory-io';
import { main } from '../cli/main';
import { packageRoot } from '../package/package-info';
import type { GradeResult } from '../result/types';

const resultFor = (id: string, over: Partial<GradeResult> = {}): GradeResult => ({
  ...mixedResult(),
  student: { id, name: id },
  startedAt: new Date().toISOString(),
  ...over,
});

async function post(url: string, body: string | Buffer, headers: Record<string, string>) {
  const res = await request(`${url}/api/results`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.body.json().catch(() => ({}))) as { error?: string };
  return { status: res.statusCode, error: json.error ?? '' };
}

async function get(url: string, cookie?: string) {
  const res = await request(url, { headers: cookie ? { cookie } : {} });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

describe('live board server (real server on loopback, real SQLite file)', () => {
  let board: TestBoard;
  beforeEach(async () => {
    board = await startTestBoard();
  });
  afterEach(() => board.close());

  test('joining: the class join code and a student id from the class file give a token bound to that student', async () => {
    const join = (code: string, studentId: string) =>
      request(`${board.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, studentId }) }).then(
        async (r) => [r.statusCode, ((await r.body.json()) as { error?: string; student?: { id: string } }).error ?? (await Promise.resolve('ok'))],
      );
    expect(await join('WRONG-CODE-0000', 's01')).toEqual([403, 'wrong join code']);
    expect(await join(board.server.joinCode, 'nobody')).toEqual([404, 'no student "nobody" in the class file']);
    // Typed in lowercase, without dashes: the same code.
    expect(await join(board.server.joinCode.toLowerCase().replace(/-/g, ''), 's03')).toEqual([201, 'ok']);
  });

  test('bad input: each request a clear 4xx, and nothing stored', async () => {
    const token = await joinAs(board.url, board.server.joinCode, 's01');
    const revoked = await joinAs(board.url, board.server.joinCode, 's03');
    const { io } = memoryIo(board.dir);
    expect(await main(['board', 'revoke', 's03', '--class', board.classFile], io)).toBe(0);
    const good = JSON.stringify(resultFor('s01'));
    const auth = (t: string, key = 'push-0001') => ({ authorization: `Bearer ${t}`, 'idempotency-key': key });
    expect(await post(board.url, good, auth(token))).toEqual({ status: 201, error: '' });

    const noScore = resultFor('s01') as Partial<GradeResult>;
    delete noScore.score;
    const cases: [string, () => Promise<{ status: number; error: string }>, number][] = [
      ['no Authorization header', () => post(board.url, good, { 'idempotency-key': 'push-0002' }), 401],
      ['wrong token', () => post(board.url, good, auth('gbt_not-a-token', 'push-0002')), 401],
      ['revoked token', () => post(board.url, JSON.stringify(resultFor('s03')), auth(revoked, 'push-0002')), 401],
      ["another student's id in the result", () => post(board.url, JSON.stringify(resultFor('s02')), auth(token, 'push-0002')), 403],
      ['result without a student', () => post(board.url, JSON.stringify({ ...resultFor('s01'), student: undefined }), auth(token, 'push-0002')), 403],
      ['oversized body (600 KiB)', () => post(board.url, JSON.stringify({ ...resultFor('s01'), pad: 'x'.repeat(600 * 1024) }), auth(token, 'push-0002')), 413],
      ['malformed JSON', () => post(board.url, '{"schemaVersion": 1,', auth(token, 'push-0002')), 400],
      ['result failing the schema (no score)', () => post(board.url, JSON.stringify(noScore), auth(token, 'push-0002')), 422],
      [
        'result failing the schema (status "passed")',
        () => post(board.url, good.replace('"status":"pass"', '"status":"passed"'), auth(token, 'push-0002')),
        422,
      ],
      ['not JSON (text/plain)', () => post(board.url, good, { ...auth(token, 'push-0002'), 'content-type': 'text/plain' }), 415],
      ['no Idempotency-Key', () => post(board.url, good, { authorization: `Bearer ${token}` }), 400],
      ['replayed push (same Idempotency-Key)', () => post(board.url, good, auth(token)), 409],
      ['replayed key, different body', () => post(board.url, JSON.stringify(resultFor('s01', { durationMs: 1 })), auth(token)), 409],
      ['instructor push for a student not in the class file', () => post(board.url, JSON.stringify(resultFor('zz99')), auth(BOARD_SECRET, 'push-0003')), 422],
    ];
    const rows: string[] = [];
    for (const [what, send, expected] of cases) {
      const before = (await board.store.resultsAfter(0)).length;
      const { status, error } = await send();
      rows.push(`| ${what} | ${status} | ${error} |`);
      expect([what, status, (await board.store.resultsAfter(0)).length]).toEqual([what, expected, before]);
      expect(error).not.toBe('');
    }
    expect((await board.store.resultsAfter(0)).map((r) => r.idempotencyKey)).toEqual(['push-0001']);
    // The table for the note, kept with the other test artifacts.
    mkdirSync(path.join(packageRoot, 'reports'), { recursive: true });
    writeFileSync(path.join(packageRoot, 'reports', 'board-bad-input.md'), ['| request | status | error |', '|---|---|---|', ...rows].join('\n') + '\n');
  });

  test('a token pushing too often is told to slow down (429), per token', async () => {
    await board.close();
    board = await startTestBoard({ limits: { pushesPerMinute: 3 } });
    const [a, b] = [await joinAs(board.url, board.server.joinCode, 's01'), await joinAs(board.url, board.server.joinCode, 's03')];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post(board.url, JSON.stringify(resultFor('s01')), { authorization: `Bearer ${a}`, 'idempotency-key': `rate-${i}-xx` })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await post(board.url, JSON.stringify(resultFor('s03')), { authorization: `Bearer ${b}`, 'idempotency-key': 'rate-b-xx' })).status).toBe(201);
    // SSH rounds send a whole class at once with the instructor secret: not limited.
    for (let i = 0; i < 5; i++)
      expect(
        (await post(board.url, JSON.stringify(resultFor('s02')), { authorization: `Bearer ${BOARD_SECRET}`, 'idempotency-key': `batch-${i}-xx` })).status,
      ).toBe(201);
    expect((await board.store.resultsAfter(0)).length).toBe(9);
  });

  test('the page, stream and exports are behind the instructor login (HttpOnly, SameSite=Strict cookie)', async () => {
    expect((await get(`${board.url}/`)).status).toBe(303);
    for (const p of ['/events', '/grades.csv', '/class.json']) expect([p, (await get(`${board.url}${p}`)).status]).toEqual([p, 401]);
    const wrong = await request(`${board.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'secret=guess',
    });
    expect([wrong.statusCode, await wrong.body.text()]).toEqual([401, expect.stringContaining('Wrong secret.')]);
    const login = await request(`${board.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ secret: BOARD_SECRET }).toString(),
    });
    await login.body.dump();
    expect(login.statusCode).toBe(303);
    expect(String(login.headers['set-cookie'])).toMatch(/^grade_board_session=\d+\.[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect((await get(`${board.url}/`, cookie)).status).toBe(200);
    // A forged or tampered cookie is refused.
    expect(
      (
        await get(
          `${board.url}/`,
          cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        )
      ).status,
    ).toBe(303);
  });

  test('HTML-hostile student names are escaped; the CSP lets only the nonced script of the board run', async () => {
    const cookie = await instructorCookie(board.url);
    const page = await get(`${board.url}/`, cookie);
    expect(page.text).not.toContain(HOSTILE.script);
    expect(page.text).not.toContain('<img');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;');
    const csp = String(page.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(page.text.match(/<script[^>]*>/g)).toEqual([`<script src="/board.js" nonce="${nonce}">`]);
    expect(page.text).toContain('<noscript><meta http-equiv="refresh" content="10"></noscript>');
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  test('a push reaches an open event stream within a second, escaped like the page', async () => {
    const cookie = await instructorCookie(board.url);
    const token = await joinAs(board.url, board.server.joinCode, 's01');
    const events = await request(`${board.url}/events`, { headers: { cookie } });
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    let text = '';
    const received = new Promise<number>((resolve) => {
      events.body.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('12/')) resolve(Date.now());
      });
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(text).toMatch(/^retry: 1000\n\nevent: board\ndata: \{"html":/);
    expect(text).not.toContain(HOSTILE.script);
    const sent = Date.now();
    const r = resultFor('s01', {
      exercises: [
        exercise('web_server', [{ id: 'image', title: 'Image', kind: 'image.exists', status: 'pass', points: 12, maxPoints: 20, message: '', durationMs: 1 }]),
      ],
    });
    expect(
      (await post(board.url, JSON.stringify({ ...r, score: { points: 12, max: 20 } }), { authorization: `Bearer ${token}`, 'idempotency-key': 'live-0001' }))
        .status,
    ).toBe(201);
    expect((await received) - sent).toBeLessThan(1000);
    events.body.destroy();
  });

  test('exports from the stored data: grades.csv and class.json', async () => {
    const token = await joinAs(board.url, board.server.joinCode, 's01');
    await post(board.url, JSON.stringify(resultFor('s01')), { authorization: `Bearer ${token}`, 'idempotency-key': 'exp-00001' });
    await post(board.url, JSON.stringify(resultFor('s02')), { authorization: `Bearer ${BOARD_SECRET}`, 'idempotency-key': 'exp-00002' });
    const cookie = await instructorCookie(board.url);
    const csv = (await get(`${board.url}/grades.csv`, cookie)).text.split('\r\n');
    const header = csv[0]!.split(',');
    const ws = header.indexOf('web_server');
    expect([header[0], header[1], header.at(-2), header.at(-1)]).toEqual(['student', 'name', 'total', 'self_reported']);
    expect(csv[1]!.split(',')[ws]).toBe(String(mixedResult().exercises[0]!.score.points));
    expect(csv[1]!.split(',').at(-1)).toBe(String(mixedResult().exercises.length));
    expect(csv[2]!.startsWith('s02,<script>')).toBe(true);
    expect(csv[2]!.split(',').at(-1)).toBe('0');
    expect(csv[3]).toBe(`s03,Carla Laptop,${','.repeat(header.length - 5)},0,0`);
    const json = JSON.parse((await get(`${board.url}/class.json`, cookie)).text) as {
      results: { studentId: string; source: string }[];
      board: { students: unknown[] };
    };
    expect(json.results.map((r) => [r.studentId, r.source])).toEqual([
      ['s01', 'self'],
      ['s02', 'batch'],
    ]);
    expect(json.board.students).toHaveLength(3);
  });

  test('restarted, the board loses nothing: results, join code, tokens', async () => {
    const token = await joinAs(board.url, board.server.joinCode, 's01');
    await post(board.url, JSON.stringify(resultFor('s01')), { authorization: `Bearer ${token}`, 'idempotency-key': 'rst-00001' });
    const before = board.server.view();
    const code = board.server.joinCode;
    await board.stop();
    board = await startTestBoard({ dir: board.dir });
    expect(board.server.joinCode).toBe(code);
    expect(board.server.view().students).toEqual(before.students);
    expect((await post(board.url, JSON.stringify(resultFor('s01')), { authorization: `Bearer ${token}`, 'idempotency-key': 'rst-00001' })).status).toBe(409);
    expect((await post(board.url, JSON.stringify(resultFor('s01')), { authorization: `Bearer ${token}`, 'idempotency-key': 'rst-00002' })).status).toBe(201);
  });
});
