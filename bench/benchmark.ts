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
 *   npm run bench [-- --runs 7 --roots /path/to/main,/path/to/this --json out.json]
 *
 * --roots measures several checkouts side by side (e.g. main before a change,
 * and the change), default this one. Each is measured as it ships: its
 * bundle (scripts/bundle.js) staged and packed as `npm run package` does, and unpacked, so what is
 * timed is what a student installs. --build compiled measures the checkout's
 * own `bin/grade.js` instead, which runs the tsc output (one file per module).
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

interface Measured {
  baseline: number[];
  /** Per checkout measured, in the order given: its figures. */
  roots: { root: string; figures: Figure[] }[];
}

/**
 * Inside the namespace: prepare each state on the private engine and measure
 * every checkout on it, runs interleaved (bare node, then each checkout), so
 * the machine's load falls on all of them alike.
 */
async function measure(roots: string[], runs: number): Promise<Measured> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gradebench-'));
  // As a student runs it: reports and history written, here into a folder of the benchmark's.
  const env = { GRADE_HISTORY: path.join(tmp, 'history.jsonl'), GRADE_CONFIG: path.join(tmp, 'no-config.yaml'), DOCKER_HOST: ENGINE };
  const bins = roots.map((r) => path.join(r, 'bin', 'grade.js'));
  const baseline: number[] = [];
  const measured: Measured = { baseline, roots: roots.map((root) => ({ root, figures: [] })) };

  /** `pauseMs`: a quiet moment before each grading (see memory_limits below). */
  const figure = async (name: string, goal: string, limit: Figure['limit'], args: string[], reports = true, pauseMs = 0) => {
    const argv = bins.map((bin) => [bin, ...args, ...(reports ? ['--out', path.join(tmp, 'reports')] : [])]);
    for (const a of argv) await timed(a, env); // warm-up: page cache, engine caches
    const samples: Sample[][] = argv.map(() => []);
    for (let i = 0; i < runs; i++) {
      baseline.push((await timed(['-e', '0'])).seconds);
      for (const [k, a] of argv.entries()) {
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        samples[k]!.push(await timed(a, env));
      }
    }
    samples.forEach((ss, k) => {
      measured.roots[k]!.figures.push({
        name,
        goal,
        limit,
        medianSeconds: median(ss.map((s) => s.seconds)),
        ratio: 0,
        peakRssMb: Math.max(...ss.map((s) => s.maxRssMb)),
        samples: ss.map((s) => s.seconds),
        exitCodes: [...new Set(ss.map((s) => s.code ?? -1))],
      });
    });
    process.stderr.write(`  ${name}: medians ${samples.map((ss) => median(ss.map((s) => s.seconds)).toFixed(3)).join(' / ')} s\n`);
  };

  await ensureStandIns();
  const empty = await snapshotEngine();
  try {
    await figure('grade --version', '≤ 2× node', { ratio: 2 }, ['--version'], false);
    await figure('grade list', '≤ 2× node', { ratio: 2 }, ['list'], false);
    await figure('grade (all) on an empty engine', '≤ 0.3 s', { seconds: 0.3 }, []);
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
      await figure(`grade ${id} (prepared host)`, goal, limit, [id]);
      /*
       * The engine's stats collector publishes once a second while anyone
       * reads stats, and for a second after: a stats request then waits for
       * the next tick (up to 1 s), one on an idle collector is answered at
       * once. Graded back to back above, memory_limits always waits; a
       * student grading once, with no `docker stats` running, does not.
       */
      if (id === 'memory_limits') await figure(`grade ${id} (prepared host, stats collector idle)`, goal, limit, [id], true, 1_500);
    }
    for (const [k, bin] of bins.entries()) {
      await resetEngine(empty);
      for (const cmd of SLIDE_STATES.web_server!) await sh(cmd);
      measured.roots[k]!.figures.push(await watchLatency(bin, env, tmp, runs));
    }
  } finally {
    await resetEngine(empty);
    rmSync(tmp, { recursive: true, force: true });
  }
  const base = median(baseline);
  for (const r of measured.roots) for (const f of r.figures) f.ratio = f.medianSeconds / base;
  return measured;
}

/**
 * `grade --watch web_server`: after each burst (a `docker run -d`, i.e.
 * create, network connect, start), the time from the CLI's return — its last
 * event is sent by then — to the last "watching for changes" line that
 * follows (a burst may set off more than one grading; the last one is the
 * one that saw the last event). Each burst starts once the watcher has been
 * quiet for two seconds.
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
  /** Until a grading shown after `since`, then no other for two seconds. */
  const settled = async (since: bigint) => {
    const deadline = Date.now() + 60_000;
    let n = -1;
    while (!(shownAt.length && shownAt[shownAt.length - 1]! > since && shownAt.length === n)) {
      if (Date.now() > deadline) throw new Error('grade --watch showed no regrade within 60 s');
      n = shownAt.length;
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  const latencies: number[] = [];
  try {
    await settled(0n); // the first grading, at start
    for (let i = 0; i < runs + 1; i++) {
      await sh(`docker run -d --name gradebench-watch-${i} alpine sleep 300`);
      const lastEvent = process.hrtime.bigint();
      await settled(lastEvent);
      if (i > 0) latencies.push(Number(shownAt[shownAt.length - 1]! - lastEvent) / 1e9); // the first is a warm-up
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

function table(baseline: number[], measured: Measured['roots'], runs: number): string {
  const base = median(baseline);
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
  const met = (f: Figure) =>
    (f.limit.ratio === undefined || f.ratio <= f.limit.ratio) &&
    (f.limit.seconds === undefined || f.medianSeconds <= f.limit.seconds) &&
    (f.limit.rssMb === undefined || f.peakRssMb <= f.limit.rssMb);
  const header = ['figure', 'median s', '× node', 'min–max s', 'peak RSS MB', 'goal', 'met'];
  const out = [
    `median of ${runs} runs each, interleaved with bare node and between checkouts`,
    `bare \`node -e 0\`: median ${base.toFixed(3)} s (min–max ${spread(baseline)}, ${baseline.length} runs)`,
  ];
  for (const { root, figures } of measured) {
    const rows = figures.map((f) => [
      f.name,
      f.medianSeconds.toFixed(3),
      `${f.ratio.toFixed(1)}×`,
      spread(f.samples),
      f.peakRssMb ? f.peakRssMb.toFixed(0) : '–',
      `${f.goal}${f.limit.rssMb ? `, ≤ ${f.limit.rssMb} MB` : ''}`,
      met(f) ? 'yes' : 'no',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    out.push('', `grade at ${root}`, line(header), ...rows.map(line));
  }
  return out.join('\n');
}

/** The package a checkout ships (its compiled tree bundled, packed, unpacked), in a folder of its own. */
async function shippedPackage(checkout: string, into: string): Promise<string> {
  await sh('node scripts/bundle.js && node scripts/stage-package.js', { cwd: checkout, timeout: 300_000 });
  const [packed] = JSON.parse(await sh(`npm pack --json --pack-destination ${into} ./dist/package`, { cwd: checkout, timeout: 300_000 })) as {
    filename: string;
  }[];
  await sh(`tar -xzf ${path.join(into, packed!.filename)} -C ${into}`);
  return path.join(into, 'package');
}

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 5);
  // This checkout, or several side by side: --roots /path/to/main,/path/to/this
  const checkouts = (arg('roots') ?? path.join(__dirname, '..', '..')).split(',').map((r) => path.resolve(r));
  if (arg('inside')) {
    // Second half, inside the namespace: measure, hand the numbers back on stdout.
    process.stdout.write(JSON.stringify(await measure(checkouts, runs)));
    return;
  }
  const build = arg('build') ?? 'shipped';
  if (build !== 'shipped' && build !== 'compiled') throw new Error(`--build is shipped or compiled, not ${build}`);
  const jsonFile = path.resolve(arg('json') ?? path.join(__dirname, '..', '..', 'bench', 'results', 'latest.json'));
  const packages = mkdtempSync(path.join(os.tmpdir(), 'gradebench-packages-'));
  let roots = checkouts;
  try {
    if (build === 'shipped') roots = await Promise.all(checkouts.map((c, k) => shippedPackage(c, mkdtempSync(path.join(packages, `${k}-`)))));
    await measureInNamespace(roots, runs, jsonFile, checkouts, build);
  } finally {
    rmSync(packages, { recursive: true, force: true });
  }
}

async function measureInNamespace(roots: string[], runs: number, jsonFile: string, checkouts: string[], build: string): Promise<void> {
  await startPrivateEngine();
  let out = '';
  try {
    const inner = spawn(
      'nsenter',
      [`--net=/var/run/netns/${NETNS}`, process.execPath, __filename, '--inside', '1', '--runs', String(runs), '--roots', roots.join(',')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, DOCKER_HOST: ENGINE },
      },
    );
    inner.stdout.on('data', (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((r) => inner.on('close', r));
    if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
  } finally {
    await stopPrivateEngine();
  }
  const measured = JSON.parse(out) as Measured;
  measured.roots.forEach((r, k) => (r.root = `${checkouts[k]} (${build} build)`));
  console.log(table(measured.baseline, measured.roots, runs));
  mkdirSync(path.dirname(jsonFile), { recursive: true });
  writeFileSync(
    jsonFile,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, runs, bareNodeSeconds: measured.baseline, roots: measured.roots }, null, 2)}\n`,
  );
  console.log(`written: ${jsonFile}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
