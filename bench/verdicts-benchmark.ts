/**
 * The flake budget: every exercise's good state (the slides typed to the
 * letter) is built afresh and graded, N times in a row, on the host; every
 * good repository fixture is graded N times by grade repo. A correct state
 * must get full marks every time. Prints `passed/runs` per line and exits 1
 * when any line is short of full.
 *
 *   npm run bench:verdicts [-- --runs 20 --only web_server,repo:good]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GradeResult } from '../src/result/types';
import { measuredGrade } from './measured-grade';
import { ensureEngine } from '../test/support/engine-setup';
import { resetEngine, snapshotEngine } from '../test/support/host-state';
import { startTestRegistry, TEST_USERS } from '../test/support/registry-server';
import { sh } from '../test/support/shell';
import { SLIDE_STATES } from '../test/support/slide-states';
import { ensureStandIns, STANDINS } from '../test/support/standins';

const REPOS = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'repos');
/** Repository fixtures that are correct: each must grade full. */
const GOOD_REPOS = ['good'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Line {
  name: string;
  passed: number;
  runs: number;
  /** The lost checks of a run that was not full, for the first few such runs. */
  misses: string[];
  seconds: number[];
}

/**
 * Back to the stand-ins alone, the quick way: this benchmark's engine is the
 * tests' (it refuses to start on one holding anything else), so everything
 * that is not a stand-in goes.
 */
async function cleanEngine(): Promise<void> {
  await sh('docker ps -aq | xargs -r docker rm -f -v >/dev/null');
  await sh('docker network ls -q --filter type=custom | xargs -r docker network rm >/dev/null');
  await sh('docker volume ls -q | xargs -r docker volume rm -f >/dev/null');
  const keep = new Set(STANDINS.map((s) => `${s.name}:latest`));
  const tags = (await sh("docker images --format '{{.Repository}}:{{.Tag}}'")).split('\n').filter((t) => t && !t.startsWith('<none>') && !keep.has(t));
  if (tags.length) await sh(`docker rmi -f ${tags.join(' ')} >/dev/null`);
}

/** Containers, volumes, custom networks and tags that are not the stand-ins': what cleanEngine would remove. */
async function foreignObjects(): Promise<string[]> {
  const keep = new Set(STANDINS.map((s) => `${s.name}:latest`));
  const out = await Promise.all([
    sh("docker ps -aq --format 'container {{.Names}}'"),
    sh("docker volume ls --format 'volume {{.Name}}'"),
    sh("docker network ls --filter type=custom --format 'network {{.Name}}'"),
    sh("docker images --format '{{.Repository}}:{{.Tag}}'").then((t) =>
      t
        .split('\n')
        .filter((x) => x && !x.startsWith('<none>') && !keep.has(x))
        .map((x) => `image ${x}`)
        .join('\n'),
    ),
  ]);
  return out.join('\n').split('\n').filter(Boolean);
}

function lostChecks(result: GradeResult): string[] {
  return result.exercises.flatMap((e) => e.checks.filter((c) => !c.bonus && c.status !== 'pass').map((c) => `${e.id}/${c.id} ${c.status}: ${c.message}`));
}

async function gradeOnce(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ full: boolean; lost: string[]; seconds: number }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'grade-verdicts-'));
  try {
    const r = await measuredGrade([...args, '--out', out, '--format', 'json'], env);
    let result: GradeResult;
    try {
      result = JSON.parse(readFileSync(path.join(out, 'grade-result.json'), 'utf8')) as GradeResult;
    } catch {
      return { full: false, lost: [`no result (exit ${r.code})`], seconds: r.seconds };
    }
    const lost = lostChecks(result);
    return { full: r.code === 0 && lost.length === 0 && result.score.points === result.score.max, lost, seconds: r.seconds };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 20);
  const only = arg('only')?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  await ensureEngine();
  await ensureStandIns();
  const foreign = await foreignObjects();
  if (foreign.length)
    throw new Error(`the engine holds more than the stand-in images (${foreign.join(', ')}): run the flake budget on the tests' engine, emptied`);
  const baseline = await snapshotEngine();
  const lines: Line[] = [];
  const registry = wanted('docker_hub_push') ? await startTestRegistry() : undefined;
  const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'grade-verdicts-docker-config-'));
  try {
    const hostStates: [string, string[], string[]][] = Object.entries(SLIDE_STATES).map(([id, cmds]) => [id, cmds, [id, '--no-history']]);
    if (registry) {
      // The slides' push, to a registry with Docker Hub's token auth, the docker CLI logged in with its own config.
      const tag = `${registry.host}/alice/olss_2021:ubuntu_with_ping_1.0`;
      hostStates.push([
        'docker_hub_push',
        [
          `echo ${TEST_USERS.alice} | DOCKER_CONFIG=${dockerConfig} docker login ${registry.host} -u alice --password-stdin >/dev/null 2>&1`,
          ...SLIDE_STATES.ubuntu_with_ping!,
          `docker tag ubuntu_with_ping ${tag} && DOCKER_CONFIG=${dockerConfig} docker push -q ${tag} >/dev/null && docker rmi ${tag} >/dev/null`,
        ],
        ['docker_hub_push', '--no-history', '--registry', registry.url, '--var', 'dockerhub_user=alice'],
      ]);
    }
    for (const [id, setup, args] of hostStates) {
      if (!wanted(id)) continue;
      const line: Line = { name: id, passed: 0, runs: 0, misses: [], seconds: [] };
      for (let i = 0; i < runs; i++) {
        try {
          for (const cmd of setup) await sh(cmd);
          const r = await gradeOnce(args);
          line.runs++;
          line.seconds.push(r.seconds);
          if (r.full) line.passed++;
          else if (line.misses.length < 3) line.misses.push(r.lost.join('; '));
        } finally {
          await cleanEngine();
          registry?.reset();
        }
      }
      lines.push(line);
      report(line);
    }
    for (const repo of GOOD_REPOS) {
      const name = `repo:${repo}`;
      if (!wanted(name)) continue;
      const line: Line = { name, passed: 0, runs: 0, misses: [], seconds: [] };
      for (let i = 0; i < runs; i++) {
        const r = await gradeOnce(['repo', path.join(REPOS, repo)]);
        line.runs++;
        line.seconds.push(r.seconds);
        if (r.full) line.passed++;
        else if (line.misses.length < 3) line.misses.push(r.lost.join('; '));
        await cleanEngine();
      }
      lines.push(line);
      report(line);
    }
  } finally {
    await resetEngine(baseline);
    await registry?.stop();
    rmSync(dockerConfig, { recursive: true, force: true });
  }
  console.log('\nflake budget (good states, full marks every time):');
  for (const l of lines) console.log(`  ${l.name.padEnd(22)} ${l.passed}/${l.runs}`);
  process.exitCode = lines.every((l) => l.passed === l.runs) ? 0 : 1;
}

function report(l: Line): void {
  const sorted = [...l.seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`${l.name}: ${l.passed}/${l.runs} full (grade median ${median.toFixed(1)} s)`);
  for (const m of l.misses) console.log(`  not full: ${m}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
