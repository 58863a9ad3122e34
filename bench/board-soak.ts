/**
 * The hostile-class soak (a script, not a test; loopback only; bounded in
 * time): `grade board` in its own process, S honest students pushing a result
 * every P seconds, while H hostile clients, each from its own loopback address
 * (127.0.0.2…), spend M minutes sending what issue 19 found: bodies of the
 * maximum size, results naming unknown exercises (a new one each time),
 * evidence nested thousands deep, join floods, and slow bodies (2,000 open at
 * once in all). Prints the board's peak RSS, the honest pushes' p99 latency,
 * whether each acknowledged honest push was stored exactly once, the slowest
 * /healthz, and the time to start again with the soak's store.
 *
 *   npm run build && node dist/bench/board-soak.js [--students 300 --hostile 10 --every 5 --minutes 2 --slow 2000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Agent, request } from 'undici';
import { packageRoot } from '../src/package/package-info';
import { catalogResult, joinAs } from '../test/support/board-fixture';
import { honestStudent, newPushLog } from './honest-student';
import { within } from '../src/time/deadline';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const SECRET = 'soak-instructor-secret-0123456789';
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** `grade board` in its own process; resolves with the child once /healthz answers, and how long that took. */
async function startBoard(classFile: string, db: string, port: number): Promise<{ board: ChildProcess; log: () => string; startMs: number }> {
  const t0 = Date.now();
  const board = spawn(
    process.execPath,
    [path.join(packageRoot, 'bin', 'grade.js'), 'board', '--class', classFile, '--db', db, '--listen', `127.0.0.1:${port}`],
    { env: { ...process.env, GRADE_BOARD_SECRET: SECRET }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  board.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  for (;;) {
    const up = await request(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.body.dump().then(() => r.statusCode === 200),
      () => false,
    );
    if (up) break;
    if (board.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`the board did not start:\n${log}`);
    await sleep(20);
  }
  return { board, log: () => log, startMs: Date.now() - t0 };
}

async function stopBoard(board: ChildProcess): Promise<void> {
  if (board.exitCode !== null) return;
  board.kill('SIGINT');
  await new Promise((r) => board.once('exit', r));
}

/** One hostile client: its own address, its own token, a mix of attacks until `until`. Counts answers by status. */
async function hostile(url: string, address: string, token: string, joinCode: string, ownId: string, until: number, statuses: Map<string, number>) {
  const agent = new Agent({ localAddress: address, connections: 8 });
  const count = (what: string, status: number | string) => statuses.set(`${what} ${status}`, (statuses.get(`${what} ${status}`) ?? 0) + 1);
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const big = catalogResult(ownId, { web_server: 2 });
  const maxBody = JSON.stringify({ ...big, pad: 'x'.repeat(510 * 1024 - JSON.stringify(big).length) });
  let n = 0;
  const send = async (what: string, path: string, headers: Record<string, string>, body: string) => {
    try {
      const res = await within(20_000, (signal) => request(`${url}${path}`, { method: 'POST', dispatcher: agent, headers, body, signal }));
      await res.body.dump();
      count(what, res.statusCode);
    } catch (e) {
      count(what, (e as Error).name);
    }
  };
  // Made once: the soak measures the board, not this process making bodies.
  const unknownId = catalogResult(ownId, { web_server: 1 });
  unknownId.exercises[0]!.id = `${'&'.repeat(4000)}UNKNOWN`;
  const unknownJson = JSON.stringify(unknownId);
  const deep = JSON.stringify(catalogResult(ownId, { web_server: 1 })).replace('"exercises":[', `"exercises":[${'['.repeat(200_000)}${']'.repeat(200_000)},`);
  while (Date.now() < until) {
    n++;
    const key = { 'idempotency-key': `${address}-${n}-xxxxxxxx` };
    await Promise.all([
      send('max-size body', '/api/results', { ...auth, ...key }, maxBody),
      send('unknown exercise id', '/api/results', { ...auth, 'idempotency-key': `${address}-u${n}-xxxxxxxx` }, unknownJson.replace('UNKNOWN', String(n))),
      send('deep nesting', '/api/results', { ...auth, 'idempotency-key': `${address}-d${n}-xxxxxxxx` }, deep),
      ...[1, 2, 3, 4, 5].map(() =>
        send('join flood', '/api/join', { 'content-type': 'application/json' }, JSON.stringify({ code: joinCode, studentId: ownId })),
      ),
      send('join flood (wrong code)', '/api/join', { 'content-type': 'application/json' }, JSON.stringify({ code: 'AAAA-BBBB-CCCC', studentId: ownId })),
    ]);
  }
  await agent.close();
}

/** Keeps `count` slow bodies open from `address` until `until`: headers, then a byte of body now and then; reopened when the board drops one. */
function slowBodies(port: number, address: string, count: number, until: number, dropped: { held: number; short: number; failed: number }): Promise<void> {
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      if (Date.now() >= until) return resolve();
      const socket = net.connect({ port, host: '127.0.0.1', localAddress: address });
      socket.on('error', () => undefined);
      let timer: NodeJS.Timeout | undefined;
      let opened = 0;
      socket.once('connect', () => {
        opened = Date.now();
        socket.write(`POST /api/join HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`);
        timer = setInterval(() => socket.write(' '), 1000);
      });
      socket.resume();
      socket.once('close', () => {
        clearInterval(timer);
        if (!opened) dropped.failed++;
        else if (Date.now() - opened >= 10_000) dropped.held++;
        else dropped.short++;
        // Not straight back: a dropped slow body is reopened after a moment, as a flooding client would.
        setTimeout(() => void one().then(resolve), 200);
      });
      setTimeout(() => socket.destroy(), Math.max(0, until - Date.now())).unref();
    });
  return Promise.all(Array.from({ length: count }, one)).then(() => undefined);
}

async function main(): Promise<void> {
  const students = arg('students', 300);
  const hostiles = arg('hostile', 10);
  const everyMs = arg('every', 5) * 1000;
  const durationMs = arg('minutes', 2) * 60_000;
  const slow = arg('slow', 2000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-board-soak-'));
  const ids = Array.from({ length: students }, (_, i) => `s${String(i + 1).padStart(3, '0')}`);
  const hostileIds = Array.from({ length: hostiles }, (_, i) => `h${String(i + 1).padStart(2, '0')}`);
  const classFile = path.join(dir, 'class.yaml');
  writeFileSync(classFile, `students:\n${[...ids, ...hostileIds].map((id) => `  - { id: ${id}, name: Student ${id} }`).join('\n')}\n`);
  const db = path.join(dir, 'board.sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const load = () => os.loadavg()[0]!.toFixed(2);
  const loadBefore = load();

  let { board, log } = await startBoard(classFile, db, port);
  const peak = { rss: 0 };
  const sampleRss = () => {
    try {
      // VmHWM: the kernel's own peak of the resident set, so no peak between two samples is missed.
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${board.pid}/status`, 'utf8'))?.[1]);
      if (Number.isFinite(kb)) peak.rss = Math.max(peak.rss, kb / 1024);
    } catch {
      // The board has exited.
    }
  };
  const rssTimer = setInterval(sampleRss, 100);
  try {
    const joinCode = /--join (\S+)/.exec(log())![1]!;
    // The class joins 50 at a time (students typing grade init in the first minutes of the lab).
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i += 50) tokens.push(...(await Promise.all(ids.slice(i, i + 50).map((id) => joinAs(url, joinCode, id)))));
    const hostileTokens = await Promise.all(hostileIds.map((id) => joinAs(url, joinCode, id)));
    process.stderr.write(`${students} honest students and ${hostiles} hostile clients joined; soak for ${durationMs / 60_000} min (load ${loadBefore})…\n`);

    const started = Date.now();
    const until = started + durationMs;
    const healthz: number[] = [];
    const healthzLoop = (async () => {
      while (Date.now() < until) {
        const t0 = performance.now();
        const ok = await within(30_000, (signal) => request(`${url}/healthz`, { signal })).then(
          (r) => r.body.dump().then(() => r.statusCode === 200),
          () => false,
        );
        healthz.push(ok ? performance.now() - t0 : Infinity);
        await sleep(250);
      }
    })();
    // The hostile clients in a process of their own: the honest latencies measured here are the board's, not this event loop's.
    const attacker = spawn(process.execPath, [__filename, '--attack', JSON.stringify({ url, port, joinCode, until, slow, hostileIds, hostileTokens })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let attackReport = '';
    attacker.stdout!.on('data', (d: Buffer) => (attackReport += d.toString()));
    const attacks = new Promise((r) => attacker.once('exit', r));

    const pushes = newPushLog();
    const { latencies, attempted, acknowledged, failures } = pushes;
    await Promise.all(ids.map((id, i) => honestStudent(url, tokens[i]!, id, { everyMs, until }, pushes)));
    await Promise.all([attacks, healthzLoop]);
    const loadDuring = load();
    sampleRss();
    await stopBoard(board);
    clearInterval(rssTimer);

    const store = new Database(db, { readonly: true });
    const rows = store.prepare('SELECT student_id, idempotency_key FROM results').all() as { student_id: string; idempotency_key: string }[];
    store.close();
    const perKey = new Map<string, number>();
    for (const r of rows) perKey.set(`${r.student_id}/${r.idempotency_key}`, (perKey.get(`${r.student_id}/${r.idempotency_key}`) ?? 0) + 1);
    const missing = [...acknowledged].filter((key) => perKey.get(`${attempted.get(key)}/${key}`) !== 1);
    const twice = [...perKey.values()].filter((c) => c > 1).length;
    const storeMb = ['', '-wal'].reduce((s, x) => s + (statSync(`${db}${x}`, { throwIfNoEntry: false })?.size ?? 0), 0) / 1e6;

    // Restart with the soak's store: the time until /healthz answers.
    const again = await startBoard(classFile, db, port);
    board = again.board;
    await stopBoard(board);

    latencies.sort((a, b) => a - b);
    healthz.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    const worstHealthz = healthz.at(-1)!;
    const rows2 = [
      ['board peak RSS', `${peak.rss.toFixed(0)} MB`, '≤ 300 MB', peak.rss <= 300],
      [
        'honest pushes p99 latency',
        `${p99.toFixed(0)} ms (p50 ${percentile(latencies, 50).toFixed(0)}, max ${latencies.at(-1)!.toFixed(0)}; ${latencies.length} pushes)`,
        '≤ 500 ms',
        p99 <= 500,
      ],
      [
        'honest pushes stored exactly once',
        `${acknowledged.size - missing.length}/${acknowledged.size} (any key twice: ${twice}; refused: ${failures.length})`,
        'all',
        !missing.length && !twice && !failures.length,
      ],
      ['slowest /healthz', `${worstHealthz.toFixed(0)} ms (${healthz.length} probes)`, '≤ 1000 ms', worstHealthz <= 1000],
      ['restart with the soak store', `${again.startMs} ms (${rows.length} results, ${storeMb.toFixed(1)} MB)`, '≤ 5000 ms', again.startMs <= 5000],
    ] as const;
    console.log(
      `soak: ${students} honest students every ${everyMs / 1000} s, ${hostiles} hostile clients, ${(durationMs / 60_000).toFixed(1)} min; load average (1 min) ${loadBefore} before, ${loadDuring} at the end`,
    );
    console.log('| measure | measured | goal | met |\n|---|---|---|---|');
    for (const [what, value, goal, met] of rows2) console.log(`| ${what} | ${value} | ${goal} | ${met ? 'yes' : 'NO'} |`);
    console.log(attackReport.trim());
    if (failures.length) console.log(`refused honest pushes, e.g. ${failures.slice(0, 3).join('; ')}`);
    process.exitCode = rows2.every((r) => r[3]) ? 0 : 1;
  } finally {
    clearInterval(rssTimer);
    if (board.exitCode === null) board.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The child process: every hostile client and its slow bodies, until the given time; prints what the board answered. */
async function attack(spec: { url: string; port: number; joinCode: string; until: number; slow: number; hostileIds: string[]; hostileTokens: string[] }) {
  const statuses = new Map<string, number>();
  const dropped = { held: 0, short: 0, failed: 0 };
  const n = spec.hostileIds.length;
  await Promise.all([
    ...spec.hostileIds.map((id, i) => hostile(spec.url, `127.0.0.${i + 2}`, spec.hostileTokens[i]!, spec.joinCode, id, spec.until, statuses)),
    ...spec.hostileIds.map((_, i) => slowBodies(spec.port, `127.0.0.${i + 2}`, Math.ceil(spec.slow / n), spec.until, dropped)),
  ]);
  console.log(
    `hostile answers: ${[...statuses]
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}; slow bodies: ${dropped.held} held ≥ 10 s until the board closed them, ${dropped.short} closed sooner, ${dropped.failed} could not connect`,
  );
}

const attackAt = process.argv.indexOf('--attack');
(attackAt >= 0 ? attack(JSON.parse(process.argv[attackAt + 1]!) as Parameters<typeof attack>[0]) : main()).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
