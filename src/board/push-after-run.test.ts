import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { joinAs, startTestBoard, type TestBoard } from '../../test/support/board-fixture';
import { mixedResult } from '../../test/support/grade-results';
import { memoryIo } from '../../test/support/memory-io';
import { main } from '../cli/main';
import { readUserConfig } from '../config/user-config';
import { pushAfterRun, PUSH_WAIT_MS, type StudentBoardLink } from './push-after-run';

const result = () => ({ ...mixedResult(), student: { id: 's03', name: 'Carla' }, startedAt: new Date().toISOString() });

function terminal() {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d: Buffer) => (text += d.toString()));
  return { io: { stderr }, lines: () => text.trim().split('\n') };
}

describe('a student run sends its result to the board (real board on loopback)', () => {
  let board: TestBoard;
  let dir: string;
  let link: StudentBoardLink;
  beforeEach(async () => {
    board = await startTestBoard();
    dir = mkdtempSync(path.join(os.tmpdir(), 'grade-push-'));
    link = { url: board.url, token: await joinAs(board.url, board.server.joinCode, 's03'), queueDir: path.join(dir, 'board-queue') };
  });
  afterEach(async () => {
    await board.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('sent: one line, nothing left queued, marked self-reported', async () => {
    const t = terminal();
    await pushAfterRun(result(), link, t.io);
    expect(t.lines()).toEqual([`board: result sent to ${board.url}`]);
    expect(readdirSync(link.queueDir)).toEqual([]);
    expect((await board.store.resultsAfter(0)).map((r) => [r.studentId, r.source])).toEqual([['s03', 'self']]);
  });

  test('board down: queued on disk within the wait, sent (once) by a later run', async () => {
    await board.stop();
    const t = terminal();
    const started = Date.now();
    await pushAfterRun(result(), link, t.io);
    expect(Date.now() - started).toBeLessThan(PUSH_WAIT_MS + 300);
    expect(t.lines()).toEqual([expect.stringMatching(/^board: 1 queued — http:\/\/127\.0\.0\.1:\d+ did not answer \(.+\); sent on a later run$/)]);
    expect(readdirSync(link.queueDir)).toHaveLength(1);

    board = await startTestBoard({ dir: board.dir });
    const again = terminal();
    await pushAfterRun(result(), { ...link, url: board.url }, again.io);
    expect(again.lines()).toEqual([`board: result sent to ${board.url} (with 1 queued earlier)`]);
    expect(readdirSync(link.queueDir)).toEqual([]);
    expect(await board.store.resultsAfter(0)).toHaveLength(2);
  });

  test('a board that accepts the connection and never answers costs at most the short wait', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    try {
      const t = terminal();
      const started = Date.now();
      await pushAfterRun(result(), { ...link, url: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}` }, t.io);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(PUSH_WAIT_MS - 50);
      expect(took).toBeLessThan(PUSH_WAIT_MS + 300);
      expect(t.lines()).toEqual([expect.stringMatching(/^board: 1 queued — .* did not answer \(no answer in time\); sent on a later run$/)]);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  test('an answer lost after the board stored it: the retry is stored once', async () => {
    const t = terminal();
    await pushAfterRun(result(), link, t.io);
    // The same queued file sent again (as if the first answer never arrived).
    const [stored] = await board.store.resultsAfter(0);
    writeFileSync(
      path.join(link.queueDir, `000000000000001-${stored!.idempotencyKey}.json`),
      JSON.stringify({ key: stored!.idempotencyKey, result: stored!.result }),
    );
    const t2 = terminal();
    await pushAfterRun(result(), link, t2.io);
    expect(t2.lines()).toEqual([`board: result sent to ${board.url} (with 1 queued earlier)`]);
    expect((await board.store.resultsAfter(0)).map((r) => r.idempotencyKey)).toEqual([stored!.idempotencyKey, expect.any(String)]);
  });

  test('a revoked token: the board refuses, the student is told, nothing piles up', async () => {
    await board.store.revokeTokens('s03', new Date().toISOString());
    const t = terminal();
    await pushAfterRun(result(), link, t.io);
    expect(t.lines()).toEqual([expect.stringMatching(/^board: http:\/\/127\.0\.0\.1:\d+ refused a result \(401: this token was revoked; .*\)$/)]);
    expect(readdirSync(link.queueDir)).toEqual([]);
  });

  test('grade init --board URL --join CODE stores a token (owner-only file); a wrong code changes nothing', async () => {
    const config = path.join(dir, 'config.yaml');
    const { io, out } = memoryIo(dir, { GRADE_CONFIG: config });
    expect(await main(['init', '--board', board.url, '--join', 'NOPE-NOPE-NOPE', '--student-id', 's03'], io)).toBe(2);
    expect(out.stderr).toContain('could not join the board');
    expect(readUserConfig(config)).toBeUndefined();
    expect(await main(['init', '--board', `${board.url}/`, '--join', board.server.joinCode, '--student-id', 's03'], io)).toBe(0);
    const written = readUserConfig(config)!;
    expect(written.student).toEqual({ id: 's03', name: 'Carla Laptop' });
    expect(written.board?.url).toBe(board.url);
    expect(written.board?.token).toMatch(/^gbt_/);
    expect(readFileSync(config, 'utf8')).not.toContain(board.server.joinCode);
    expect((statSync(config).mode & 0o777).toString(8)).toBe('600');
  });

  test('grade init --board … keeps and validates every other value: --dockerhub-user is checked first and replaces the old one', async () => {
    const config = path.join(dir, 'config.yaml');
    const { io, out } = memoryIo(dir, { GRADE_CONFIG: config });
    expect(await main(['init', '--student-id', 's03', '--name', 'Carla', '--dockerhub-user', 'carla1'], io)).toBe(0);
    // Refused before joining: nothing changes, and the join code is not spent on a run that writes nothing.
    expect(await main(['init', '--board', board.url, '--join', board.server.joinCode, '--dockerhub-user', 'zoe'], io)).toBe(2);
    expect(out.stderr).toMatch(/^grade: .*"zoe".*$/m);
    expect(readUserConfig(config)).toEqual({ student: { id: 's03', name: 'Carla' }, vars: { dockerhub_user: 'carla1' } });
    expect(await main(['init', '--board', board.url, '--join', board.server.joinCode, '--dockerhub-user', 'carla2', '--name', 'Carla B'], io)).toBe(0);
    const written = readUserConfig(config)!;
    expect(written.student).toEqual({ id: 's03', name: 'Carla B' });
    expect(written.vars).toEqual({ dockerhub_user: 'carla2' });
    expect(written.board?.token).toMatch(/^gbt_/);
    expect(out.stderr).toContain('Docker Hub user: carla2');
  });
});
