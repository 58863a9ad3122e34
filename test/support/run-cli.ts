import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GRADE_BIN = path.resolve(__dirname, '..', '..', 'bin', 'grade.js');

/**
 * Every spawned grade of a test file appends to this history, not to the
 * per-user one of whoever runs the tests. The folder is readable by all: one
 * test runs grade as `nobody`, which must get past the (absent) history to the
 * socket error it is about.
 */
const testHistoryDir = mkdtempSync(path.join(os.tmpdir(), 'grade-test-history-'));
chmodSync(testHistoryDir, 0o755);
export const TEST_HISTORY = path.join(testHistoryDir, 'history.jsonl');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed at `killAfterMs`: it had not ended on its own (a limit that never fired, a loop). */
  killed: boolean;
  seconds: number;
}

/**
 * Runs the built `grade` (bin/grade.js → dist/) as a separate process, the way
 * a student does. `npm test` compiles before jest runs, so dist is current.
 */
export function runGrade(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; prefix?: string[]; cwd?: string; onSpawn?: (pid: number) => void; killAfterMs?: number } = {},
): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const cmd = opts.prefix ? opts.prefix[0]! : process.execPath;
    const argv = opts.prefix ? [...opts.prefix.slice(1), process.execPath, GRADE_BIN, ...args] : [GRADE_BIN, ...args];
    const child = spawn(cmd, argv, {
      // English whatever the machine's locale: the tests read grade's English messages.
      env: { ...process.env, LC_ALL: 'C.UTF-8', NO_COLOR: '1', GRADE_HISTORY: TEST_HISTORY, GRADE_CONFIG: '/nonexistent/grade-config.yaml', ...opts.env },
      cwd: opts.cwd ?? process.cwd(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let killed = false;
    const killer = opts.killAfterMs
      ? setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, opts.killAfterMs)
      : undefined;
    child.on('error', reject);
    child.on('spawn', () => opts.onSpawn?.(child.pid!));
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, killed, seconds: (Date.now() - started) / 1000 });
    });
  });
}
