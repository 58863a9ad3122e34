import { spawn } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

/** One grade process (CLI arguments as typed), timed; it reports its own peak RSS (KiB) on fd 3. */
export function measuredGrade(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ seconds: number; maxRssMb: number; code: number }> {
  const script = `require(${JSON.stringify(MAIN)}).main(${JSON.stringify(args)}).then((code) => { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); process.exitCode = code; });`;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
    let rss = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, maxRssMb: Number(rss) / 1024, code: code ?? -1 }));
  });
}
