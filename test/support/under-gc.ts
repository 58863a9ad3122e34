import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runGrade, type CliRun } from './run-cli';

const GC_PRELOAD = path.join(__dirname, 'gc-preload.js');

/**
 * Runs the built grade with a full GC forced every half second (test/support/gc-preload.js):
 * a time limit that a GC can lose (nodejs/node issue 57736) never fires here. Killed
 * after `killAfterMs`, so a limit that does not hold fails the test instead of hanging it.
 * `gcs`: the full collections forced in grade's process while it ran.
 */
export async function runGradeUnderGc(args: string[], opts: { killAfterMs: number; env?: NodeJS.ProcessEnv }): Promise<CliRun & { gcs: number }> {
  const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-gc-log-')), 'gcs');
  const run = await runGrade(args, { killAfterMs: opts.killAfterMs, env: { NODE_OPTIONS: `--require ${GC_PRELOAD}`, GRADE_TEST_GC_LOG: log, ...opts.env } });
  const gcs = existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .reduce((n, line) => n + Number(line.split(' ')[1]), 0)
    : 0;
  return { ...run, gcs };
}

/**
 * An HTTP server that sends its headers and then one byte of body a second,
 * forever: no silence long enough for a per-read timeout, so only a limit on the
 * whole exchange ends it. `handler` may answer a request itself (returns true).
 */
export async function startDripServer(
  handler?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    if (handler?.(req, res)) return;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' });
    res.write('{');
    const t = setInterval(() => res.write(' '), 1000);
    timers.add(t);
    res.on('close', () => clearInterval(t));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise((r) => {
        timers.forEach(clearInterval);
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
}
