/**
 * The live board under a class's load (a script, not a test; loopback only):
 * S simulated students join, then each pushes a result every P seconds for M
 * minutes (every tenth push is sent twice, as a retry after a lost answer
 * would be), while an instructor page listens to the event stream; then one
 * SSH round's results are sent as `grade batch --board` sends them. The board
 * is `grade board` in its own process. Prints pushes/s, p50/p99 latency, the
 * board's peak RSS, and checks every push was stored exactly once.
 *
 *   npm run bench:board [-- --students 300 --every 5 --minutes 2]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { request } from 'undici';
import { writeHostOutcome } from '../src/batch/host-outcome';
import { BatchBoardSender } from '../src/board/batch-sender';
import { BoardClient } from '../src/board/board-client';
import { packageRoot } from '../src/package/package-info';
import { catalogResult, joinAs } from '../test/support/board-fixture';
import { within } from '../src/time/deadline';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const EXERCISES = ['first_steps', 'ubuntu_with_ping', 'web_server', 'volumes', 'network_none', 'bridge_isolation', 'logging', 'portainer'];
const SECRET = 'bench-instructor-secret-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const students = arg('students', 300);
  const everyMs = arg('every', 5) * 1000;
  const durationMs = arg('minutes', 2) * 60_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-board-bench-'));
  const ids = Array.from({ length: students }, (_, i) => `s${String(i + 1).padStart(3, '0')}`);
  const classFile = path.join(dir, 'class.yaml');
  writeFileSync(classFile, `students:\n${ids.map((id) => `  - { id: ${id}, name: Student ${id} }`).join('\n')}\n`);
  const db = path.join(dir, 'board.sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  const board = spawn(
    process.execPath,
    [path.join(packageRoot, 'bin', 'grade.js'), 'board', '--class', classFile, '--db', db, '--listen', `127.0.0.1:${port}`],
    {
      env: { ...process.env, GRADE_BOARD_SECRET: SECRET },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let boardLog = '';
  board.stderr.on('data', (d: Buffer) => (boardLog += d.toString()));
  const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${board.pid}/status`, 'utf8'))?.[1]) / 1024;
  try {
    for (let i = 0; ; i++) {
      const up = await request(`${url}/healthz`).then(
        (r) => r.body.dump().then(() => r.statusCode === 200),
        () => false,
      );
      if (up) break;
      if (i > 300) throw new Error(`the board did not start:\n${boardLog}`);
      await sleep(100);
    }
    const joinCode = /--join (\S+)/.exec(boardLog)![1]!;
    const joinStart = Date.now();
    const tokens = await Promise.all(ids.map((id) => joinAs(url, joinCode, id)));
    process.stderr.write(`${students} students joined in ${Date.now() - joinStart} ms; pushing every ${everyMs / 1000} s for ${durationMs / 60_000} min…\n`);

    // The instructor's page, listening.
    const login = await request(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `secret=${SECRET}` });
    await login.body.dump();
    const events = await request(`${url}/events`, { headers: { cookie: String(login.headers['set-cookie']).split(';')[0]! } });
    let boardEvents = 0;
    events.body.on('data', (d: Buffer) => (boardEvents += d.toString().split('event: board').length - 1));

    const latencies: number[] = [];
    /** Every key sent (student by key), and those the board acknowledged (stored, or already stored). */
    const attempted = new Map<string, string>();
    const acknowledged = new Set<string>();
    const failures: string[] = [];
    let timeouts = 0;
    let retries = 0;
    let duplicatesAnswered = 0;
    const started = Date.now();
    await Promise.all(
      ids.map(async (id, i) => {
        const client = new BoardClient(url, tokens[i]!);
        let n = 0;
        await sleep(Math.random() * everyMs);
        // Like a student's queue: a push that got no answer is sent again, same key, before the next one.
        let unanswered: { key: string; result: ReturnType<typeof catalogResult> } | undefined;
        while (Date.now() - started < durationMs) {
          const tick = Date.now();
          const ex = EXERCISES[n % EXERCISES.length]!;
          const next = unanswered ?? { key: `${id}-push-${n}`, result: catalogResult(id, { [ex]: (n % 5) + 1 }) };
          attempted.set(next.key, id);
          const t0 = performance.now();
          const outcome = await within(10_000, (signal) => client.push(next.result, next.key, signal));
          latencies.push(performance.now() - t0);
          unanswered = undefined;
          if (outcome.kind === 'stored' || outcome.kind === 'duplicate') acknowledged.add(next.key);
          else if (outcome.kind === 'unreachable') {
            timeouts++;
            unanswered = next;
          } else failures.push(`${next.key}: ${JSON.stringify(outcome)}`);
          if (!unanswered && n % 10 === 9) {
            retries++;
            const again = await within(10_000, (signal) => client.push(next.result, next.key, signal));
            if (again.kind === 'duplicate') duplicatesAnswered++;
            else failures.push(`retry ${next.key}: ${JSON.stringify(again)}`);
          }
          if (!unanswered) n++;
          await sleep(everyMs - (Date.now() - tick));
        }
        await client.close();
      }),
    );
    const elapsed = (Date.now() - started) / 1000;

    // One SSH round as grade batch --board sends it: every host's result from the batch folder.
    const out = path.join(dir, 'batch');
    for (const id of ids) {
      const result = catalogResult(id, Object.fromEntries(EXERCISES.map((e) => [e, 3])));
      writeHostOutcome(
        out,
        { schemaVersion: 1, id, name: id, endpoint: `ssh://u@${id}:22`, state: 'graded', score: result.score, startedAt: result.startedAt, durationMs: 1 },
        result,
        ['json'],
      );
    }
    const sender = new BatchBoardSender(url, SECRET);
    const roundStart = Date.now();
    for (const id of ids) sender.send(out, { id, name: id, host: id, port: 22, user: 'u', vars: {} });
    const roundLine = await sender.roundDone();
    const roundMs = Date.now() - roundStart;
    await sender.close();
    await sleep(500);
    events.body.destroy();
    const rss = peakRss();

    board.kill('SIGINT');
    await new Promise((r) => board.once('exit', r));
    const store = new Database(db, { readonly: true });
    const rows = store.prepare('SELECT student_id, idempotency_key, source FROM results').all() as {
      student_id: string;
      idempotency_key: string;
      source: string;
    }[];
    store.close();
    const selfRows = rows.filter((r) => r.source === 'self');
    const perKey = new Map<string, number>();
    for (const r of selfRows) perKey.set(`${r.student_id}/${r.idempotency_key}`, (perKey.get(`${r.student_id}/${r.idempotency_key}`) ?? 0) + 1);
    // Acknowledged keys: stored exactly once. Keys whose last answer never came may or may not be stored, but never twice.
    const missing = [...acknowledged].filter((key) => perKey.get(`${attempted.get(key)}/${key}`) !== 1);
    const twice = [...perKey.values()].filter((c) => c > 1).length;
    const unknown = selfRows.filter((r) => !attempted.has(r.idempotency_key)).length;
    const batchRows = rows.filter((r) => r.source === 'batch').length;

    latencies.sort((a, b) => a - b);
    const ok = !failures.length && !missing.length && !twice && !unknown && batchRows === students && duplicatesAnswered === retries;
    console.log(
      [
        `students: ${students}, one push every ${everyMs / 1000} s each, for ${elapsed.toFixed(1)} s (board: grade board in its own process, SQLite WAL)`,
        `pushes: ${latencies.length} (+${retries} retries of a stored push) → ${(latencies.length / elapsed).toFixed(1)} pushes/s; ${timeouts} got no answer within 10 s and were sent again`,
        `latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
        `retries answered "already stored" (409): ${duplicatesAnswered}/${retries}`,
        `SSH round: ${roundLine.replace(/^board: /, '')} in ${roundMs} ms`,
        `live page: ${boardEvents} board updates received over the event stream`,
        `board peak RSS: ${rss.toFixed(0)} MiB`,
        `stored: ${selfRows.length} self-reported for ${acknowledged.size} acknowledged keys (each exactly once: ${missing.length ? `NO, ${missing.length} not` : 'yes'}; any key twice: ${twice}; unknown keys: ${unknown}), ${batchRows} from the round (expected ${students})`,
        failures.length ? `failures: ${failures.length}, e.g. ${failures.slice(0, 3).join('; ')}` : 'failures: 0',
        ok ? 'OK: every push stored exactly once' : 'NOT OK',
      ].join('\n'),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (board.exitCode === null) board.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
