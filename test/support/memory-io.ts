import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/io';

/** The CLI in-process, with no engine behind DOCKER_HOST: these commands must never need one. */
export function memoryIo(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = { stdout: '', stderr: '' };
  stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout,
    stderr,
    env: { NO_COLOR: '1', DOCKER_HOST: 'unix:///nonexistent/grade-test.sock', GRADE_CONFIG: '/nonexistent/grade-config.yaml', ...env },
    cwd,
    onSignal: () => () => undefined,
  };
  return { io, out };
}
