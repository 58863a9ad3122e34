#!/usr/bin/env node
'use strict';
/*
 * `npm test`, after the build and the layer check: the engine-free suites in
 * parallel, then the engine suites. Those share fixed names and ports (test1,
 * web_server, 8080), which collide only within one engine and one loopback:
 * as root on Linux with iproute2 and nsenter they run in GRADE_TEST_SHARDS
 * shards (2 by default), each in a network namespace of its own with a
 * dockerd of its own, at the same time; elsewhere, or with
 * GRADE_TEST_SHARDS=1, in band on the engine DOCKER_HOST or the socket names.
 *
 * Most of an engine suite's time is waiting (a container starting, a database
 * coming up, a limit running out), so two shards on two cores take about half
 * the time of one. Ends with one line: "N passed, N failed, N skipped".
 */
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, statSync, createWriteStream } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
/** Further arguments go to jest as they are (a path pattern, -t NAME). */
const jestArgs = process.argv.slice(2);
const log = (line) => process.stdout.write(`[run-tests] ${line}\n`);

/**
 * Shards need root, iproute2 and nsenter, and every package the suites use
 * already there: the in-band setup installs what is missing (as root on
 * Debian), which two shards must not do at once.
 */
function canShard() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  if (!['ip', 'nsenter'].every((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0)) return false;
  const { TEST_PACKAGES } = require(path.join(root, 'dist', 'test', 'support', 'engine-setup.js'));
  return TEST_PACKAGES.every((p) => existsSync(p.file));
}

function shardCount() {
  const asked = process.env.GRADE_TEST_SHARDS;
  if (asked !== undefined) {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1) throw new Error(`GRADE_TEST_SHARDS must be a whole number from 1: ${asked}`);
    return n;
  }
  return canShard() ? 2 : 1;
}

/** Jest's own summary of a run, from its --json output. */
function counts(jsonFile) {
  if (!existsSync(jsonFile)) return undefined;
  const r = JSON.parse(readFileSync(jsonFile, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, suitesFailed: r.numFailedTestSuites };
}

function runJest(args, { env = process.env, prefix, wrap = [] } = {}) {
  return new Promise((resolve) => {
    const command = [...wrap, process.execPath, jestBin, '--passWithNoTests', ...args, ...jestArgs];
    const child = spawn(command[0], command.slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop();
        for (const line of lines) process.stdout.write(prefix ? `${prefix} ${line}\n` : `${line}\n`);
      });
      stream.on('end', () => rest && process.stdout.write(prefix ? `${prefix} ${rest}\n` : `${rest}\n`));
    }
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** A network namespace with loopback up and a dockerd inside it, for one shard. */
function startShardEngine(name, logFile) {
  const dataRoot = `/var/lib/grade-test-engine-${name}`;
  const execRoot = `/run/grade-test-engine-${name}`;
  for (const dir of [dataRoot, execRoot]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  spawnSync('ip', ['netns', 'delete', name]);
  const made = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ip netns add ${name}: ${made.stderr.trim()}`);
  spawnSync('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
  const host = `unix://${execRoot}/docker.sock`;
  const out = createWriteStream(logFile);
  // nsenter, not `ip netns exec`: that also remounts /sys, hiding the cgroup mounts dockerd needs.
  const dockerd = spawn(
    'nsenter',
    [`--net=/var/run/netns/${name}`, 'dockerd', `--data-root=${dataRoot}`, `--exec-root=${execRoot}/x`, `--pidfile=${execRoot}/dockerd.pid`, `-H`, host],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: os.tmpdir() } },
  );
  dockerd.stdout.pipe(out);
  dockerd.stderr.pipe(out);
  return { name, host, dataRoot, execRoot, dockerd };
}

async function waitForEngine(engine) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (engine.dockerd.exitCode !== null) throw new Error(`dockerd of ${engine.name} exited (${engine.dockerd.exitCode})`);
    if (spawnSync('docker', ['-H', engine.host, 'version'], { stdio: 'ignore' }).status === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`dockerd of ${engine.name} did not answer within 90 s`);
}

/** Processes still in a network namespace (`ip netns pids`). */
function pidsIn(netns) {
  const out = spawnSync('ip', ['netns', 'pids', netns], { encoding: 'utf8' }).stdout ?? '';
  return out.split(/\s+/).filter(Boolean).map(Number);
}

/** Sends a signal; false when the process is gone already. */
const signal = (pid, sig) => {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
};
const alive = (pid) => signal(pid, 0);

async function stopShardEngine(engine) {
  if (engine.dockerd.exitCode === null) {
    engine.dockerd.kill('SIGTERM');
    const deadline = Date.now() + 30_000;
    while (engine.dockerd.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    if (engine.dockerd.exitCode === null) engine.dockerd.kill('SIGKILL');
  }
  // Whatever the suites left running in the shard's namespace goes too: the SSH tests' second engine
  // (one per namespace, /run/grade-docker2-<namespace inode>) is started once and never stopped by them.
  let inode = '';
  try {
    inode = String(statSync(`/var/run/netns/${engine.name}`).ino);
  } catch {
    // The namespace is gone already.
  }
  const left = pidsIn(engine.name);
  for (const pid of left) signal(pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (left.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  for (const pid of left) signal(pid, 'SIGKILL');
  const roots = [engine.dataRoot, engine.execRoot, ...(inode ? [`/var/lib/grade-docker2-${inode}`, `/run/grade-docker2-${inode}`] : [])];
  // What a dockerd leaves mounted (overlays, its containers' namespaces) goes before its folders.
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1])
    .filter((m) => m && roots.some((r) => m.startsWith(r)))
    .sort()
    .reverse();
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  spawnSync('ip', ['netns', 'delete', engine.name]);
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
}

/**
 * A shard's container that bind-mounts /var/run/docker.sock (portainer's
 * slide) while no engine listens there makes that path an empty folder, and a
 * dockerd started later cannot make its socket: such a folder goes.
 */
function sweepSocketFolder() {
  try {
    if (statSync('/var/run/docker.sock').isDirectory()) rmdirSync('/var/run/docker.sock');
  } catch {
    // Not there, a socket, or not empty: nothing of ours to undo.
  }
}

async function main() {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'grade-run-tests-'));
  const totals = { passed: 0, failed: 0, skipped: 0, suitesFailed: 0 };
  const add = (c, what) => {
    if (!c) {
      totals.suitesFailed += 1;
      log(`${what}: jest wrote no results`);
      return;
    }
    for (const k of Object.keys(totals)) totals[k] += c[k];
  };
  const started = Date.now();

  log('engine-free suites, in parallel');
  const unitJson = path.join(outDir, 'unit.json');
  await runJest(['--selectProjects', 'unit', '--maxWorkers=4', '--json', `--outputFile=${unitJson}`]);
  add(counts(unitJson), 'unit');
  log(`engine-free suites took ${Math.round((Date.now() - started) / 1000)} s`);

  const shards = shardCount();
  const engineStarted = Date.now();
  if (shards === 1) {
    log('engine suites, in band on one engine');
    const json = path.join(outDir, 'engine.json');
    await runJest(['--selectProjects', 'engine', '--runInBand', '--json', `--outputFile=${json}`]);
    add(counts(json), 'engine');
  } else {
    log(`engine suites, in ${shards} shards, each with an engine and a loopback of its own`);
    const engines = [];
    const stopAll = () => Promise.all(engines.map(stopShardEngine));
    const onSignal = () => {
      stopAll().finally(() => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      for (let i = 1; i <= shards; i++) engines.push(startShardEngine(`grade-test-${process.pid}-${i}`, path.join(outDir, `dockerd-${i}.log`)));
      await Promise.all(engines.map(waitForEngine));
      const codes = await Promise.all(
        engines.map((engine, i) => {
          const json = path.join(outDir, `engine-${i + 1}.json`);
          const env = { ...process.env, DOCKER_HOST: engine.host };
          return runJest(['--selectProjects', 'engine', '--runInBand', `--shard=${i + 1}/${shards}`, '--json', `--outputFile=${json}`], {
            env,
            prefix: `[${i + 1}/${shards}]`,
            wrap: ['nsenter', `--net=/var/run/netns/${engine.name}`],
          }).then((code) => ({ code, json }));
        }),
      );
      for (const [i, { json }] of codes.entries()) add(counts(json), `shard ${i + 1}`);
    } finally {
      await stopAll();
      sweepSocketFolder();
    }
  }
  log(`engine suites took ${Math.round((Date.now() - engineStarted) / 1000)} s; all ${Math.round((Date.now() - started) / 1000)} s`);
  rmSync(outDir, { recursive: true, force: true });
  if (totals.suitesFailed) log(`${totals.suitesFailed} suite(s) failed`);
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  return totals.failed || totals.suitesFailed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[run-tests] ${e.stack ?? e}\n`);
    process.exit(2);
  },
);
