import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GradeResult } from '../src/result/types';
import { resetEngine, suiteBaseline, type EngineSnapshot } from './support/host-state';
import { pushAs, useTestRegistry } from './support/registry-fixture';
import { sh } from './support/shell';

const MAIN = path.resolve(__dirname, '..', 'dist', 'src', 'cli', 'main.js');

/** `grade ARGS --json` in a child process that reports its own peak RSS (KiB) on fd 3. */
function gradeMeasured(args: string[]): Promise<{ result: GradeResult; maxRssMiB: number }> {
  const script = `require(${JSON.stringify(MAIN)}).main(${JSON.stringify([...args, '--json', '--no-reports', '--no-history'])}).then((code) => { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); process.exitCode = code; });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      stdio: ['ignore', 'pipe', 'inherit', 'pipe'],
      env: { ...process.env, GRADE_CONFIG: '/nonexistent/c.yaml' },
    });
    let out = '';
    let rss = '';
    child.stdout!.on('data', (d: Buffer) => (out += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d));
    child.on('error', reject);
    child.on('close', () => resolve({ result: JSON.parse(out) as GradeResult, maxRssMiB: Number(rss) / 1024 }));
  });
}

describe('reading a large pushed layer', () => {
  const { registry } = useTestRegistry();
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await suiteBaseline();
  });
  afterAll(async () => {
    await resetEngine(baseline);
  });

  test("a 200 MB layer is streamed through: the grader's memory does not grow with it", async () => {
    // Random bytes do not compress: the registry serves about 200 MB.
    await sh(
      'docker run --name big ubuntu /bin/busybox dd if=/dev/urandom of=/big.bin bs=1048576 count=200 2>/dev/null && docker commit big bigimage >/dev/null',
    );
    await sh(pushAs(registry, 'bigimage', 'alice/big:1')());
    const specs = mkdtempSync(path.join(os.tmpdir(), 'grade-big-'));
    writeFileSync(
      path.join(specs, 'big.yaml'),
      `id: big
title: A file that is not there, in an image with a 200 MB layer
slides: [none]
checks:
  - { id: absent, title: not there, kind: registry.file, points: 1, timeoutMs: 300000, params: { image: "alice/big:1", path: /no/such/file } }
`,
    );
    const t0 = Date.now();
    const { result, maxRssMiB } = await gradeMeasured(['--exercises', specs, '--registry', registry().url]);
    const seconds = (Date.now() - t0) / 1000;
    const check = result.exercises[0]!.checks[0]!;
    const read = (check.evidence?.actual as { compressedBytesRead: number; layersRead: number }) ?? { compressedBytesRead: 0, layersRead: 0 };
    // A figure for the record, not an assertion on speed.
    process.stderr.write(
      `[measured] 200 MB layer: read ${(read.compressedBytesRead / 1048576).toFixed(0)} MiB in ${seconds.toFixed(1)} s, peak RSS ${maxRssMiB.toFixed(0)} MiB\n`,
    );
    expect(check).toMatchObject({ status: 'fail', messageId: 'absent' });
    expect(read.layersRead).toBe(2);
    expect(read.compressedBytesRead).toBeGreaterThan(200 * 1024 * 1024);
    expect(maxRssMiB).toBeLessThan(150);
  }, 300_000);
});
