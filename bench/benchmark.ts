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
import { spawn, spawnSync } from 'node:child_process';
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
/** The course assistant's script: each exercise's checks with the docker CLI and curl (bench/ is not compiled, so from the checkout). */
const SHELL_BASELINE = path.join(__dirname, '..', '..', 'bench', 'shell-baseline.sh');
/** Attempts in the long history a one-exercise run is timed against. */
const LONG_HISTORY = 10_000;

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
  /** User + system CPU time of the process (node processes only: from the preload). */
  cpuSeconds: number;
  code: number | null;
}

/** One process, start to exit; its peak RSS comes from the preload on fd 3. */
function timed(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  return timedCommand(process.execPath, ['-r', RSS_PRELOAD, ...args], env);
}

/** Any command, start to exit (the shell baseline: no RSS reported). */
function timedCommand(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let rss = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const [kib, cpuMicros] = rss.split(' ').map(Number);
      resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, maxRssMb: (kib ?? 0) / 1024, cpuSeconds: (cpuMicros ?? 0) / 1e6, code });
    });
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
  /** Median CPU time (user + system) of the process: what load on a shared machine stretches least. */
  medianCpuSeconds: number;
  samples: number[];
  exitCodes: number[];
  /** Side by side with the shell baseline: its median, samples and exit codes, and grade's median over it. */
  shell?: { medianSeconds: number; samples: number[]; exitCodes: number[]; ratio: number };
}

interface Measured {
  baseline: number[];
  /** Per checkout measured, in the order given: its figures. */
  roots: { root: string; figures: Figure[] }[];
}

/** Exercises timed side by side with the shell baseline, each on the state its slides leave (the issue's table). */
const SIDE_BY_SIDE: { name: string; id: string; state: string[] }[] = [
  ...[
    'memory_limits',
    'bridge_isolation',
    'wordpress_compose',
    'ubuntu_with_ping',
    'web_server',
    'first_steps',
    'portainer',
    'process_management',
    'logging',
  ].map((id) => ({
    name: id,
    id,
    // A good state is one that has settled: the stand-in database, like MySQL, takes its time to start.
    state: [
      ...SLIDE_STATES[id]!,
      ...(id === 'wordpress_compose' ? ['for i in $(seq 60); do curl -sf -o /dev/null localhost:8080 && break; sleep 1; done'] : []),
    ],
  })),
  // The slide's session still open (docker run -it, not yet exit): grade looks inside the running container.
  { name: 'network_none (running)', id: 'network_none', state: ['docker run -itd --network=none alpine /bin/sh'] },
  // Typed to the letter and exited: grade reads what ip address show listed from the log.
  { name: 'network_none (exited)', id: 'network_none', state: SLIDE_STATES.network_none! },
  { name: 'volumes', id: 'volumes', state: SLIDE_STATES.volumes! },
];

/** Which parts of the benchmark run (--only startup,core,shell,history,watch); all by default. */
const SECTIONS = ['startup', 'core', 'shell', 'history', 'watch'] as const;

/**
 * Inside the namespace: prepare each state on the private engine and measure
 * every checkout on it, runs interleaved (bare node, then each checkout), so
 * the machine's load falls on all of them alike.
 */
async function measure(roots: string[], runs: number, engine: string, sections: ReadonlySet<string>): Promise<Measured> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gradebench-'));
  // As a student runs it: reports and history written, here into a folder of the benchmark's.
  const env = { GRADE_HISTORY: path.join(tmp, 'history.jsonl'), GRADE_CONFIG: path.join(tmp, 'no-config.yaml'), DOCKER_HOST: engine };
  const bins = roots.map((r) => path.join(r, 'bin', 'grade.js'));
  const baseline: number[] = [];
  const measured: Measured = { baseline, roots: roots.map((root) => ({ root, figures: [] })) };

  const record = (name: string, goal: string, limit: Figure['limit'], ss: Sample[]): Figure => ({
    name,
    goal,
    limit,
    medianSeconds: median(ss.map((s) => s.seconds)),
    ratio: 0,
    peakRssMb: Math.max(...ss.map((s) => s.maxRssMb)),
    medianCpuSeconds: median(ss.map((s) => s.cpuSeconds)),
    samples: ss.map((s) => s.seconds),
    exitCodes: [...new Set(ss.map((s) => s.code ?? -1))],
  });

  /**
   * `pauseMs`: a quiet moment before each grading (see memory_limits below).
   * `shellExercise`: each run is a pair, the shell baseline for that exercise then grade.
   * `before`: run before every timed grading (a history put back as it was).
   */
  const figure = async (
    name: string,
    goal: string,
    limit: Figure['limit'],
    args: string[],
    {
      reports = true,
      pauseMs = 0,
      shellExercise,
      before,
      extraEnv = {},
    }: { reports?: boolean; pauseMs?: number; shellExercise?: string; before?: () => void; extraEnv?: NodeJS.ProcessEnv } = {},
  ) => {
    const argv = bins.map((bin) => [bin, ...args, ...(reports ? ['--out', path.join(tmp, 'reports')] : [])]);
    const runEnv = { ...env, ...extraEnv };
    const shellRun = () => timedCommand('bash', [SHELL_BASELINE, shellExercise!], { DOCKER_HOST: engine });
    // Warm-up: page cache, engine caches.
    if (shellExercise) await shellRun();
    for (const a of argv) {
      before?.();
      await timed(a, runEnv);
    }
    const samples: Sample[][] = argv.map(() => []);
    const shellSamples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.push((await timed(['-e', '0'])).seconds);
      if (shellExercise) {
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        shellSamples.push(await shellRun());
      }
      for (const [k, a] of argv.entries()) {
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        before?.();
        samples[k]!.push(await timed(a, runEnv));
      }
    }
    const shellMedian = median(shellSamples.map((s) => s.seconds));
    samples.forEach((ss, k) => {
      const f = record(name, goal, limit, ss);
      if (shellExercise) {
        f.shell = {
          medianSeconds: shellMedian,
          samples: shellSamples.map((s) => s.seconds),
          exitCodes: [...new Set(shellSamples.map((s) => s.code ?? -1))],
          ratio: f.medianSeconds / shellMedian,
        };
      }
      measured.roots[k]!.figures.push(f);
    });
    process.stderr.write(
      `  ${name}: medians ${samples.map((ss) => median(ss.map((s) => s.seconds)).toFixed(3)).join(' / ')} s${shellExercise ? `, shell ${shellMedian.toFixed(3)} s` : ''}\n`,
    );
  };

  await ensureStandIns();
  const empty = await snapshotEngine();
  const prepare = async (state: readonly string[]) => {
    await resetEngine(empty);
    for (const cmd of state) await sh(cmd);
  };
  try {
    if (sections.has('startup')) {
      await figure('grade --version', '≤ 2× node', { ratio: 2 }, ['--version'], { reports: false });
      await figure('grade list', '≤ 2× node', { ratio: 2 }, ['list'], { reports: false });
      await figure('grade (all) on an empty engine', '≤ 0.25 s', { seconds: 0.25 }, []);
    }
    if (sections.has('core')) {
      const core: [string, string, Figure['limit']][] = [
        ['web_server', '≤ 4× node', { ratio: 4, rssMb: 60 }],
        ['wordpress_compose', '≤ 4× node', { ratio: 4, rssMb: 60 }],
        ['ubuntu_with_ping', '≤ 8× node', { ratio: 8, rssMb: 60 }],
        ['memory_limits', '≤ 0.5 s', { seconds: 0.5, rssMb: 60 }],
        ['bridge_isolation', '≤ 1.2 s', { seconds: 1.2, rssMb: 60 }],
      ];
      for (const [id, goal, limit] of core) {
        await prepare(SLIDE_STATES[id]!);
        await figure(`grade ${id} (prepared host)`, goal, limit, [id]);
        /*
         * The engine's stats collector publishes once a second while anyone
         * reads stats, and for a second after: a stats request then waits for
         * the next tick (up to 1 s), one on an idle collector is answered at
         * once. Graded back to back above, memory_limits always waits; a
         * student grading once, with no `docker stats` running, does not.
         */
        if (id === 'memory_limits') await figure(`grade ${id} (prepared host, stats collector idle)`, goal, limit, [id], { pauseMs: 1_500 });
      }
    }
    if (sections.has('shell')) {
      for (const { name, id, state } of SIDE_BY_SIDE) {
        await prepare(state);
        // The stats collector's tick (see above) would fall on whichever of the pair reads second.
        const pauseMs = id === 'memory_limits' || id === 'process_management' ? 1_500 : 0;
        await figure(`${name} beside the shell`, '≤ 1.2× the shell, or within 0.1 s', { rssMb: 50 }, [id, '--no-reports', '--no-history'], {
          reports: false,
          shellExercise: id,
          pauseMs,
        });
      }
    }
    if (sections.has('history')) {
      // A one-exercise run as a student runs it (history read and appended), with no history and with a long one.
      await prepare(SLIDE_STATES.first_steps!);
      const none = path.join(tmp, 'history-none.jsonl');
      const long = path.join(tmp, 'history-long.jsonl');
      writeLongHistory(long, bins[0]!, { ...env, GRADE_HISTORY: none }, LONG_HISTORY);
      const args = ['first_steps', '--no-reports'];
      await figure('first_steps, no history', 'reference', {}, args, {
        reports: false,
        extraEnv: { GRADE_HISTORY: none },
        before: () => rmSync(none, { force: true }),
      });
      // Each run appends one, as a student's would: the history grows by a few during the figure. The
      // warm-up run is the first to meet this history: a grade that keeps an index of it builds it then.
      const t0 = process.hrtime.bigint();
      await figure(`first_steps, ${LONG_HISTORY} attempts in the history`, '≤ no history + 0.02 s', {}, args, {
        reports: false,
        extraEnv: { GRADE_HISTORY: long },
      });
      process.stderr.write(
        `  (with its warm-up, the first run to meet the long history: ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s in all)\n`,
      );
      for (const r of measured.roots) {
        const [a, b] = r.figures.slice(-2);
        b!.limit = { seconds: a!.medianSeconds + 0.02 };
      }
    }
    if (sections.has('watch')) {
      for (const [k, bin] of bins.entries()) {
        await prepare(SLIDE_STATES.web_server!);
        measured.roots[k]!.figures.push(await watchLatency(bin, env, tmp, runs));
      }
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
 * A history of `count` attempts, one exercise each (as a student grading one
 * exercise at a time over a semester), made from a real result of this
 * engine — so they are the same learner as the runs timed against it — with
 * their start times spread over the past months.
 */
function writeLongHistory(file: string, bin: string, env: NodeJS.ProcessEnv, count: number): void {
  const out = spawnSync(process.execPath, [bin, '--json', '--no-reports'], {
    env: { ...process.env, ...env, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const all = JSON.parse(out.stdout) as { startedAt: string; exercises: { score: unknown }[]; score: unknown };
  const lines = [JSON.stringify({ format: 'grade-history', version: 1, records: 'one GradeResult per line, oldest first' })];
  const t0 = Date.now() - count * 600_000;
  for (let i = 0; i < count; i++) {
    const exercise = all.exercises[i % all.exercises.length]!;
    lines.push(JSON.stringify({ ...all, startedAt: new Date(t0 + i * 600_000).toISOString(), score: exercise.score, exercises: [exercise] }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
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
    medianCpuSeconds: 0,
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
  const header = ['figure', 'median s', '× node', 'min–max s', 'cpu s', 'peak RSS MB', 'goal', 'met'];
  const out = [
    `median of ${runs} runs each, interleaved with bare node and between checkouts`,
    `bare \`node -e 0\`: median ${base.toFixed(3)} s (min–max ${spread(baseline)}, ${baseline.length} runs)`,
    `load average when it ended: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (${os.cpus().length} CPUs; the machine may be shared)`,
  ];
  for (const { root, figures } of measured) {
    const rows = figures.map((f) => [
      f.name,
      f.medianSeconds.toFixed(3),
      `${f.ratio.toFixed(1)}×`,
      spread(f.samples),
      f.medianCpuSeconds ? f.medianCpuSeconds.toFixed(3) : '–',
      f.peakRssMb ? f.peakRssMb.toFixed(0) : '–',
      `${f.goal}${f.limit.rssMb ? `, ≤ ${f.limit.rssMb} MB` : ''}`,
      met(f) ? 'yes' : 'no',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    out.push('', `grade at ${root}`, line(header), ...rows.map(line));
    const paired = figures.filter((f) => f.shell);
    if (paired.length) {
      // The issue's table: grade against the course assistant's script, each pair run back to back.
      const shellMet = (f: Figure) => f.shell!.ratio <= 1.2 || f.medianSeconds - f.shell!.medianSeconds <= 0.1;
      const head = ['exercise', 'grade s', 'shell s', 'ratio', 'grade − shell s', 'grade cpu s', 'peak RSS MB', 'exit grade/shell', 'met'];
      const prow = paired.map((f) => [
        f.name.replace(/ beside the shell$/, ''),
        f.medianSeconds.toFixed(2),
        f.shell!.medianSeconds.toFixed(2),
        f.shell!.ratio.toFixed(2),
        (f.medianSeconds - f.shell!.medianSeconds).toFixed(2),
        f.medianCpuSeconds.toFixed(3),
        f.peakRssMb.toFixed(0),
        `${f.exitCodes.join(',')}/${f.shell!.exitCodes.join(',')}`,
        shellMet(f) && met(f) ? 'yes' : 'no',
      ]);
      const w = head.map((h, i) => Math.max(h.length, ...prow.map((r) => r[i]!.length)));
      const pline = (r: string[]) => r.map((c, i) => c.padEnd(w[i]!)).join('  ');
      out.push(
        '',
        `side by side with bench/shell-baseline.sh (grade EX --no-reports --no-history; goal ≤ 1.2× the shell or within 0.1 s, ≤ 50 MB)`,
        pline(head),
        ...prow.map(pline),
      );
    }
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
  const only = arg('only')?.split(',') ?? [...SECTIONS];
  const unknown = only.filter((o) => !(SECTIONS as readonly string[]).includes(o));
  if (unknown.length) throw new Error(`--only takes ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  if (arg('inside')) {
    // Second half, inside the namespace: measure, hand the numbers back on stdout.
    process.stdout.write(JSON.stringify(await measure(checkouts, runs, arg('engine') ?? ENGINE, new Set(only))));
    return;
  }
  const build = arg('build') ?? 'shipped';
  if (build !== 'shipped' && build !== 'compiled') throw new Error(`--build is shipped or compiled, not ${build}`);
  const jsonFile = path.resolve(arg('json') ?? path.join(__dirname, '..', '..', 'bench', 'results', 'latest.json'));
  const packages = mkdtempSync(path.join(os.tmpdir(), 'gradebench-packages-'));
  let roots = checkouts;
  try {
    if (build === 'shipped') roots = await Promise.all(checkouts.map((c, k) => shippedPackage(c, mkdtempSync(path.join(packages, `${k}-`)))));
    // --here: this process already runs where an engine of its own answers at DOCKER_HOST (a namespace made for it).
    const here = process.argv.includes('--here');
    await measureInNamespace(roots, runs, jsonFile, checkouts, build, only, here);
  } finally {
    rmSync(packages, { recursive: true, force: true });
  }
}

async function measureInNamespace(
  roots: string[],
  runs: number,
  jsonFile: string,
  checkouts: string[],
  build: string,
  only: string[],
  here: boolean,
): Promise<void> {
  const engine = here ? process.env.DOCKER_HOST : ENGINE;
  if (here && !engine) throw new Error('--here measures against DOCKER_HOST, which is not set');
  if (!here) await startPrivateEngine();
  let out = '';
  try {
    const args = [__filename, '--inside', '1', '--runs', String(runs), '--roots', roots.join(','), '--engine', engine!, '--only', only.join(',')];
    const inner = here
      ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn('nsenter', [`--net=/var/run/netns/${NETNS}`, process.execPath, ...args], {
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, DOCKER_HOST: ENGINE },
        });
    inner.stdout.on('data', (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((r) => inner.on('close', r));
    if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
  } finally {
    if (!here) await stopPrivateEngine();
  }
  const measured = JSON.parse(out) as Measured;
  measured.roots.forEach((r, k) => (r.root = `${checkouts[k]} (${build} build)`));
  console.log(table(measured.baseline, measured.roots, runs));
  mkdirSync(path.dirname(jsonFile), { recursive: true });
  writeFileSync(
    jsonFile,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(), runs, bareNodeSeconds: measured.baseline, roots: measured.roots }, null, 2)}\n`,
  );
  console.log(`written: ${jsonFile}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
