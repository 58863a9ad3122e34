/**
 * Startup and feedback time of `grade`, as issue 12 states its goal: every
 * figure a ratio to bare `node -e 0` measured in the same run (runs
 * interleaved, medians), plus peak RSS. Writes the table as JSON
 * (bench/results/latest.json unless --json FILE) for the next change to
 * compare with.
 *
 * The figures that need an engine never use the shared one (other
 * developers' tests hold fixed names and port 8080 there): the benchmark
 * starts an engine of its own inside a network namespace, imports the
 * stand-in images into it, measures from inside that namespace, and tears
 * everything down at the end.
 *
 *   npm run bench [-- --runs 7 --root /path/to/other/checkout --json out.json]
 *
 * --root measures another checkout's built `bin/grade.js` (e.g. main, before
 * a change) with this benchmark.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDockerd } from '../test/support/dockerd';
import { resetEngine, snapshotEngine } from '../test/support/host-state';
import { sh, shell } from '../test/support/shell';
import { SLIDE_STATES } from '../test/support/slide-states';
import { ensureStandIns } from '../test/support/standins';

const NETNS = 'gradebench';
const ROOT = '/tmp/gradebench';
const ENGINE = `unix://${ROOT}/docker.sock`;
const RSS_PRELOAD = path.join(__dirname, 'report-max-rss.js');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Sample {
  seconds: number;
  maxRssMb: number;
  code: number | null;
}

/** One process, start to exit; its peak RSS comes from the preload on fd 3. */
function timed(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', RSS_PRELOAD, ...args], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let rss = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, maxRssMb: Number(rss) / 1024, code }));
  });
}

interface Figure {
  name: string;
  goal: string;
  /** Goal as a ratio to bare node, or as seconds, or as MB. */
  limit: { ratio?: number; seconds?: number; rssMb?: number };
  medianSeconds: number;
  ratio: number;
  peakRssMb: number;
  samples: number[];
  exitCodes: number[];
}

/** Inside the namespace: prepare each state on the private engine and measure. */
async function measure(gradeBin: string, runs: number): Promise<{ baseline: number[]; figures: Figure[] }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gradebench-'));
  // As a student runs it: reports and history written, here into a folder of the benchmark's.
  const env = { GRADE_HISTORY: path.join(tmp, 'history.jsonl'), GRADE_CONFIG: path.join(tmp, 'no-config.yaml'), DOCKER_HOST: ENGINE };
  const grade = (...args: string[]) => [gradeBin, ...args, '--out', path.join(tmp, 'reports')];
  const gradeNoOut = (...args: string[]) => [gradeBin, ...args];
  const baseline: number[] = [];
  const figures: Figure[] = [];
  const bare = async () => baseline.push((await timed(['-e', '0'])).seconds);

  const figure = async (name: string, goal: string, limit: Figure['limit'], args: string[]) => {
    await timed(args, env); // warm-up: page cache, engine caches
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      await bare();
      samples.push(await timed(args, env));
    }
    figures.push({
      name,
      goal,
      limit,
      medianSeconds: median(samples.map((s) => s.seconds)),
      ratio: 0,
      peakRssMb: Math.max(...samples.map((s) => s.maxRssMb)),
      samples: samples.map((s) => s.seconds),
      exitCodes: [...new Set(samples.map((s) => s.code ?? -1))],
    });
    process.stderr.write(`  ${name}: median ${median(samples.map((s) => s.seconds)).toFixed(3)} s\n`);
  };

  await ensureStandIns();
  const empty = await snapshotEngine();
  try {
    await figure('grade --version', '≤ 2× node', { ratio: 2 }, gradeNoOut('--version'));
    await figure('grade list', '≤ 2× node', { ratio: 2 }, gradeNoOut('list'));
    await figure('grade (all) on an empty engine', '≤ 0.3 s', { seconds: 0.3 }, grade());
    const core: [string, string, Figure['limit']][] = [
      ['web_server', '≤ 4× node', { ratio: 4, rssMb: 60 }],
      ['wordpress_compose', '≤ 4× node', { ratio: 4, rssMb: 60 }],
      ['ubuntu_with_ping', '≤ 8× node', { ratio: 8, rssMb: 60 }],
      ['memory_limits', '≤ 0.5 s', { seconds: 0.5, rssMb: 60 }],
      ['bridge_isolation', '≤ 1.2 s', { seconds: 1.2, rssMb: 60 }],
    ];
    for (const [id, goal, limit] of core) {
      await resetEngine(empty);
      for (const cmd of SLIDE_STATES[id]!) await sh(cmd);
      await figure(`grade ${id} (prepared host)`, goal, limit, grade(id));
    }
    await resetEngine(empty);
    for (const cmd of SLIDE_STATES.web_server!) await sh(cmd);
    figures.push(await watchLatency(gradeBin, env, tmp, runs));
  } finally {
    await resetEngine(empty);
    rmSync(tmp, { recursive: true, force: true });
  }
  const base = median(baseline);
  for (const f of figures) f.ratio = f.medianSeconds / base;
  return { baseline, figures };
}

/**
 * `grade --watch web_server`: after each burst (a `docker run -d`, i.e.
 * create, network connect, start), the time from the CLI's return — its last
 * event is sent by then — to the last "watching for changes" line that
 * follows (a burst may set off more than one grading; the last one is the
 * one that saw the last event). Each burst starts after two quiet seconds.
 */
async function watchLatency(gradeBin: string, env: NodeJS.ProcessEnv, tmp: string, runs: number): Promise<Figure> {
  const child = spawn(process.execPath, [gradeBin, '--watch', 'web_server', '--out', path.join(tmp, 'reports')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  const shownAt: bigint[] = [];
  let buffer = '';
  child.stderr!.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      if (buffer.slice(0, nl).includes('watching for changes')) shownAt.push(process.hrtime.bigint());
      buffer = buffer.slice(nl + 1);
    }
  });
  const quiet = async (ms: number) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const n = shownAt.length;
      await new Promise((r) => setTimeout(r, ms));
      if (shownAt.length === n && n > 0) return;
      if (Date.now() > deadline) throw new Error('grade --watch did not settle within 30 s');
    }
  };
  const latencies: number[] = [];
  try {
    await quiet(2000); // the first grading, at start
    for (let i = 0; i < runs + 1; i++) {
      await sh(`docker run -d --name gradebench-watch-${i} alpine sleep 300`);
      const lastEvent = process.hrtime.bigint();
      await quiet(2000);
      const shown = shownAt[shownAt.length - 1]!;
      if (shown < lastEvent) throw new Error('grade --watch showed no regrade after a burst');
      if (i > 0) latencies.push(Number(shown - lastEvent) / 1e9); // the first is a warm-up
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
  process.stderr.write(`  grade --watch web_server: median ${median(latencies).toFixed(3)} s after the burst\n`);
  return {
    name: 'grade --watch: regrade shown after a burst',
    goal: '≤ 0.5 s',
    limit: { seconds: 0.5 },
    medianSeconds: median(latencies),
    ratio: 0,
    peakRssMb: 0,
    samples: latencies,
    exitCodes: [],
  };
}

async function startPrivateEngine(): Promise<void> {
  if (!existsSync(`/var/run/netns/${NETNS}`)) await sh(`ip netns add ${NETNS}`);
  await sh(`ip -n ${NETNS} link set lo up`);
  mkdirSync(ROOT, { recursive: true });
  // Inside its own namespace the engine's docker0 and iptables rules touch nothing of the host's.
  await ensureDockerd({
    host: ENGINE,
    dataRoot: `${ROOT}/data`,
    execRoot: `${ROOT}/exec`,
    pidfile: `${ROOT}/docker.pid`,
    networkArgs: [],
    netns: NETNS,
  });
}

async function stopPrivateEngine(): Promise<void> {
  const pidfile = `${ROOT}/docker.pid`;
  if (existsSync(pidfile)) {
    const pid = Number(readFileSync(pidfile, 'utf8'));
    try {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        process.kill(pid, 0);
        await new Promise((r) => setTimeout(r, 200));
      }
    } catch {
      // gone
    }
  }
  await shell(`ip netns del ${NETNS}`);
  await shell(`umount -R ${ROOT}/data 2>/dev/null; rm -rf ${ROOT}`);
}

function table(baseline: number[], figures: Figure[], runs: number, root: string): string {
  const base = median(baseline);
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
  const met = (f: Figure) =>
    (f.limit.ratio === undefined || f.ratio <= f.limit.ratio) &&
    (f.limit.seconds === undefined || f.medianSeconds <= f.limit.seconds) &&
    (f.limit.rssMb === undefined || f.peakRssMb <= f.limit.rssMb);
  const rows = figures.map((f) => [
    f.name,
    f.medianSeconds.toFixed(3),
    `${f.ratio.toFixed(1)}×`,
    spread(f.samples),
    f.peakRssMb ? f.peakRssMb.toFixed(0) : '–',
    `${f.goal}${f.limit.rssMb ? `, ≤ ${f.limit.rssMb} MB` : ''}`,
    met(f) ? 'yes' : 'no',
  ]);
  const header = ['figure', 'median s', '× node', 'min–max s', 'peak RSS MB', 'goal', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [
    `grade at ${root}; median of ${runs} runs each, interleaved with bare node`,
    `bare \`node -e 0\`: median ${base.toFixed(3)} s (min–max ${spread(baseline)}, ${baseline.length} runs)`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 5);
  const root = path.resolve(arg('root') ?? path.join(__dirname, '..', '..'));
  const gradeBin = path.join(root, 'bin', 'grade.js');
  if (arg('inside')) {
    // Second half, inside the namespace: measure, hand the numbers back on stdout.
    process.stdout.write(JSON.stringify(await measure(gradeBin, runs)));
    return;
  }
  const jsonFile = path.resolve(arg('json') ?? path.join(__dirname, '..', '..', 'bench', 'results', 'latest.json'));
  await startPrivateEngine();
  let out = '';
  try {
    const inner = spawn('nsenter', [`--net=/var/run/netns/${NETNS}`, process.execPath, __filename, '--inside', '1', '--runs', String(runs), '--root', root], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DOCKER_HOST: ENGINE },
    });
    inner.stdout.on('data', (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((r) => inner.on('close', r));
    if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
  } finally {
    await stopPrivateEngine();
  }
  const { baseline, figures } = JSON.parse(out) as { baseline: number[]; figures: Figure[] };
  console.log(table(baseline, figures, runs, root));
  mkdirSync(path.dirname(jsonFile), { recursive: true });
  writeFileSync(
    jsonFile,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, root, runs, bareNodeSeconds: baseline, figures }, null, 2)}\n`,
  );
  console.log(`written: ${jsonFile}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
