import { execFile, type ExecFileOptions } from 'node:child_process';

export interface ShellResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a shell command line, as a student types it; never throws. */
export function shell(command: string, opts: ExecFileOptions & { input?: string } = {}): Promise<ShellResult> {
  return new Promise((resolve) => {
    // The suite's own process.env: jest gives each test file a copy, which child processes do not see unless
    // passed — a suite's DOCKER_CONFIG (registry-fixture) would otherwise never reach its docker login.
    const child = execFile('bash', ['-c', command], { maxBuffer: 32 * 1024 * 1024, encoding: 'utf8', env: process.env, ...opts }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Runs a command that must succeed (test setup); throws with its output otherwise. */
export async function sh(command: string, opts: ExecFileOptions & { input?: string } = {}): Promise<string> {
  const r = await shell(command, opts);
  if (r.code !== 0) throw new Error(`command failed (${r.code}): ${command}\n${r.stderr || r.stdout}`);
  return r.stdout;
}
