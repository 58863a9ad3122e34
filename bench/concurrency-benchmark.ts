/**
 * Grading speed, measured rather than asserted. For each exercise: build the
 * state its slides leave, then grade it RUNS times with the default concurrency
 * and RUNS times with --concurrency 1, each run a fresh `grade` process as a
 * student starts it. Prints median wall time (process start to exit), the
 * grader's own duration (from its JSON), and the peak RSS of the process.
 *
 *   npm run bench:concurrency [-- --runs 7 --exercises web_server,memory_limits]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureEngine } from '../test/support/engine-setup';
import { resetEngine, snapshotEngine } from '../test/support/host-state';
import { sh } from '../test/support/shell';
import { SLIDE_STATES } from '../test/support/slide-states';
import { ensureStandIns } from '../test/support/standins';

const MAIN = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

interface Sample {
  wallMs: number;
  gradeMs: number;
  maxRssMb: number;
  points: number;
  max: number;
}

/** One `grade ID --json` process; it reports its own peak RSS on fd 3 when done. */
function gradeOnce(ids: string[], concurrency: number | undefined): Promise<Sample> {
  const script = `
    const { main } = require(${JSON.stringify(MAIN)});
    main(${JSON.stringify([...ids, '--json', '--no-reports', '--no-history', ...(concurrency ? ['--concurrency', String(concurrency)] : [])])})
      .then((code) => { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); process.exitCode = code; });`;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let rss = '';
    child.stdout!.on('data', (d: Buffer) => (out += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d));
    child.on('error', reject);
    child.on('close', () => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      try {
        const result = JSON.parse(out) as { durationMs: number; score: { points: number; max: number } };
        resolve({ wallMs, gradeMs: result.durationMs, maxRssMb: Number(rss) / 1024, points: result.score.points, max: result.score.max });
      } catch {
        reject(new Error(`grade ${ids.join(' ')} printed no JSON`));
      }
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Four exercises graded in one run, on one host holding all their states (the
 * nginx ports moved off 8080/8081, which web_server holds, so `published`
 * fails): several slow probes that can overlap, unlike within one exercise.
 */
const TOGETHER = {
  ids: ['ubuntu_with_ping', 'web_server', 'bridge_isolation', 'memory_limits'],
  state: [
    ...SLIDE_STATES.ubuntu_with_ping!,
    ...SLIDE_STATES.web_server!,
    ...SLIDE_STATES.bridge_isolation!,
    'docker run -d -p 8082:80 --memory="256m" nginx',
    'docker run -d -p 8083:80 --cpus=".5" nginx',
  ],
};

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 5);
  const only = arg('exercises')?.split(',');
  const cases = [
    ...Object.keys(SLIDE_STATES)
      .filter((id) => !only || only.includes(id))
      .map((id) => ({ name: id, ids: [id], state: SLIDE_STATES[id]! })),
    ...(only ? [] : [{ name: 'four together', ...TOGETHER }]),
  ];
  await ensureEngine();
  await ensureStandIns();
  const baseline = await snapshotEngine();
  const rows: string[][] = [];
  let peakRss = 0;
  try {
    for (const { name, ids, state } of cases) {
      await resetEngine(baseline);
      for (const cmd of state) await sh(cmd);
      await gradeOnce(ids, undefined); // warm-up: page cache, engine caches
      const concurrent: Sample[] = [];
      const serial: Sample[] = [];
      for (let i = 0; i < runs; i++) {
        concurrent.push(await gradeOnce(ids, undefined));
        serial.push(await gradeOnce(ids, 1));
      }
      const all = [...concurrent, ...serial];
      peakRss = Math.max(peakRss, ...all.map((s) => s.maxRssMb));
      const full = all.every((s) => s.points === s.max);
      const c = median(concurrent.map((s) => s.gradeMs));
      const s1 = median(serial.map((s) => s.gradeMs));
      rows.push([
        name,
        `${Math.round(median(concurrent.map((s) => s.wallMs)))}`,
        `${Math.round(c)}`,
        `${Math.round(median(serial.map((s) => s.wallMs)))}`,
        `${Math.round(s1)}`,
        `${(s1 / c).toFixed(1)}×`,
        `${Math.max(...all.map((s) => s.maxRssMb)).toFixed(0)}`,
        full ? 'full marks' : `${concurrent[0]!.points}/${concurrent[0]!.max}`,
      ]);
    }
  } finally {
    await resetEngine(baseline);
  }
  const header = ['exercise', 'wall ms', 'grading ms', 'wall ms (c=1)', 'grading ms (c=1)', 'speed-up', 'peak RSS MB', 'score'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`median of ${runs} runs per exercise and mode (default concurrency 8, then 1); wall = process start to exit`);
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`peak RSS of any grading process: ${peakRss.toFixed(0)} MB`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
