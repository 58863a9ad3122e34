import { phrase } from '../../messages/phrase';
import { execFile, spawn } from 'node:child_process';
import { SetupError } from '../../errors/setup-error';

export type ComposeCli = 'plugin' | 'standalone';

function succeeds(file: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => execFile(file, args, { timeout: 10_000 }, (err) => resolve(!err)));
}

/**
 * Which compose the machine has: the v2 plugin (`docker compose`) where present,
 * else the v1 `docker-compose` (the only one on Debian's docker.io machines).
 */
export async function detectComposeCli(): Promise<ComposeCli> {
  if (await succeeds('docker', ['compose', 'version'])) return 'plugin';
  if (await succeeds('docker-compose', ['version'])) return 'standalone';
  throw new SetupError(phrase('error.noCompose'), phrase('error.noComposeAdvice'));
}

export interface ComposeRun {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Stopped at its time limit, or by Ctrl-C. */
  stopped?: 'time limit' | 'interrupted';
}

const OUTPUT_CAP = 256 * 1024;

/**
 * One compose command, bounded: killed with its whole process group (compose
 * v1 is a Python program that starts others) at the time limit or when the
 * signal aborts. The environment is exactly `env`: the sandbox decides it.
 */
export function runCompose(
  cli: ComposeCli,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; signal?: AbortSignal },
): Promise<ComposeRun> {
  const [cmd, pre] = cli === 'plugin' ? ['docker', ['compose']] : ['docker-compose', []];
  return new Promise((resolve) => {
    const child = spawn(cmd, [...pre, ...args], { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopped: ComposeRun['stopped'];
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-OUTPUT_CAP)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-OUTPUT_CAP)));
    const kill = (why: NonNullable<ComposeRun['stopped']>) => {
      stopped ??= why;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => kill('time limit'), o.timeoutMs);
    const onAbort = () => kill('interrupted');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    if (o.signal?.aborted) onAbort();
    const done = (ok: boolean, extra = '') => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve({ ok: ok && !stopped, stdout, stderr: stderr + extra, ...(stopped ? { stopped } : {}) });
    };
    child.on('error', (e) => done(false, e.message));
    child.on('close', (code) => done(code === 0));
  });
}

/** The last meaningful lines compose printed: what a failed command says. */
export function lastLines(run: ComposeRun, n = 3): string {
  return `${run.stderr}\n${run.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join(' ');
}
