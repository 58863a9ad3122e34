import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { GradeResult } from '../src/result/types';
import { engineResetAfterEach, type EngineSnapshot, snapshotEngine } from './support/host-state';
import { runGrade, type CliRun } from './support/run-cli';
import { sh, shell } from './support/shell';

const REPOS = path.join(__dirname, 'fixtures', 'repos');
const NO_STACK = /\n\s+at .+\(.*:\d+:\d+\)/;

interface Graded {
  run: CliRun;
  result: GradeResult;
  out: string;
  /** Required checks that did not pass, as exercise/check. */
  lost: string[];
  /** The engine right after grade repo returned. */
  after: EngineSnapshot;
}

async function gradeRepo(fixture: string, extra: string[] = []): Promise<Graded> {
  const out = mkdtempSync(path.join(os.tmpdir(), `grade-repo-${fixture}-`));
  const run = await runGrade(['repo', path.join(REPOS, fixture), '--json', '--out', out, ...extra]);
  if (run.code === 2 || !run.stdout) throw new Error(`grade repo ${fixture} could not run (exit ${run.code}):\n${run.stderr}`);
  const result = JSON.parse(run.stdout) as GradeResult;
  const lost = result.exercises.flatMap((e) => e.checks.filter((c) => !c.bonus && c.status !== 'pass').map((c) => `${e.id}/${c.id}`));
  return { run, result, out, lost, after: await snapshotEngine() };
}

const statusOf = (g: Graded, id: string) => {
  const [ex, check] = id.split('/');
  return g.result.exercises.find((e) => e.id === ex)?.checks.find((c) => c.id === check);
};

const WEB_IMAGE_CHECKS = ['image', 'derived', 'apache', 'index_html', 'config', 'container', 'page'].map((c) => `web_server/${c}`);

describe('grade repo on sample student repositories (testcontainers, real engine)', () => {
  const baseline = engineResetAfterEach();

  test('the good repository scores full marks, leaves nothing behind, and the student’s own objects are neither seen nor touched', async () => {
    // The student's own work on the same engine: a web_server container (no ports) and
    // another compose project with a database service. grade repo must grade only what it started.
    await sh('docker run -d --name web_server --label com.docker.compose.project=costa --label com.docker.compose.service=database ubuntu sleep 600');
    const before = await snapshotEngine();
    const g = await gradeRepo('good');
    expect(g.run.code).toBe(0);
    expect(g.run.stderr).not.toMatch(NO_STACK);
    expect(g.result.target.kind).toBe('repo');
    expect(g.result.exercises.map((e) => e.id)).toEqual(['web_server', 'wordpress_compose']);
    expect(g.lost).toEqual([]);
    expect(g.result.score.points).toBe(g.result.score.max);
    expect(g.result.score.max).toBe(130 + 120);
    expect(g.run.stderr).toMatch(/250\/250 points \(100%\) passes the pass mark of 100%/);
    // The slide's Dockerfile gets advice, without points.
    const practices = statusOf(g, 'web_server/practices')!;
    expect(practices).toMatchObject({ status: 'fail', points: 0, maxPoints: 0, bonus: true });
    expect(practices.message).toMatch(/\[chain-run\] Dockerfile:4: .*\(slide "Reduce Layers"\)/);
    // Host-only checks do not run here.
    expect(statusOf(g, 'web_server/second_instance')).toBeUndefined();
    // Everything grade repo built and started is gone; the student's container still runs.
    expect(g.after).toEqual(before);
    const junit = readFileSync(path.join(g.out, 'grade-junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="grade [^"]+good" tests="\d+" failures="0" errors="0"/);
  }, 240_000);

  test('a Dockerfile that does not build: the build step fails with the engine’s error, everything built on it is lost, JUnit says why', async () => {
    const g = await gradeRepo('broken-dockerfile');
    expect(g.run.code).toBe(1);
    expect(g.lost.sort()).toEqual(['web_server/built', 'web_server/dockerfile', 'web_server/started', ...WEB_IMAGE_CHECKS].sort());
    expect(statusOf(g, 'web_server/built')).toMatchObject({ status: 'fail' });
    expect(statusOf(g, 'web_server/built')!.message).toMatch(/failed: .*apt install -y apache.* returned a non-zero code: 100/);
    expect(statusOf(g, 'web_server/index_file')!.status).toBe('pass');
    expect(statusOf(g, 'web_server/started')!.status).toBe('skip');
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(path.join(g.out, 'grade-junit.xml'), 'utf8'));
    const suite = xml.testsuites.testsuite;
    const web = (Array.isArray(suite) ? suite : [suite]).find((s: { name: string }) => s.name === 'web_server');
    const built = web.testcase.find((t: { name: string }) => t.name === 'docker build succeeds on the repository');
    expect(built.failure.message).toMatch(/returned a non-zero code: 100/);
    expect(built.failure['#text']).toMatch(/docker build -t web_server \./);
    // The end of the build log, where the student sees apt's own complaint.
    expect(built.failure['#text']).toMatch(/Log \(end\):[\s\S]*E: Unable to locate package apache/);
    expect(web.failures).toBe('3');
    expect(g.after).toEqual(baseline());
  }, 240_000);

  test('EXPOSE 8080 instead of 80: only the Dockerfile and image config checks are lost', async () => {
    const g = await gradeRepo('wrong-port');
    expect(g.run.code).toBe(1);
    expect(g.lost).toEqual(['web_server/config', 'web_server/dockerfile']);
    expect(statusOf(g, 'web_server/dockerfile')!.message).toBe('Dockerfile lacks port 80 exposed (EXPOSE)');
    expect(g.after).toEqual(baseline());
    // The same repository passes a pass mark it reaches (105 of 130 points).
    const lenient = await gradeRepo('wrong-port', ['--pass-mark', '80']);
    expect(lenient.run.code).toBe(0);
    expect(lenient.run.stderr).toMatch(/105\/130 points \(80%\) passes the pass mark of 80%/);
  }, 240_000);

  test('index.html not committed: the file check and the build fail (COPY finds nothing)', async () => {
    const g = await gradeRepo('missing-index');
    expect(g.run.code).toBe(1);
    expect(g.lost.sort()).toEqual(['web_server/built', 'web_server/index_file', 'web_server/started', ...WEB_IMAGE_CHECKS].sort());
    expect(statusOf(g, 'web_server/dockerfile')!.status).toBe('pass');
    expect(statusOf(g, 'web_server/built')!.message).toMatch(/index\.html/);
    expect(g.after).toEqual(baseline());
  }, 240_000);

  test('the database on the frontend network: the compose file check and the running database check are lost', async () => {
    const g = await gradeRepo('db-on-frontend');
    expect(g.run.code).toBe(1);
    expect(g.lost).toEqual(['wordpress_compose/database_private', 'wordpress_compose/compose_file']);
    expect(statusOf(g, 'wordpress_compose/compose_file')!.message).toBe('docker-compose.yml: database is also on frontend (only backend wanted)');
    // Not asked for by the course, and without a Dockerfile: left out, and said so everywhere.
    expect(g.result.notGraded).toEqual([expect.objectContaining({ id: 'web_server', reason: expect.stringMatching(/^the repository has no Dockerfile/) })]);
    expect(g.run.stderr).toMatch(/not graded: web_server — the repository has no Dockerfile/);
    expect(readFileSync(path.join(g.out, 'grade-junit.xml'), 'utf8')).toMatch(/<skipped message="not graded: the repository has no Dockerfile/);
    expect(g.after).toEqual(baseline());
  }, 240_000);

  test('the course expects web_server (GRADE_EXERCISES) and the repository has no Dockerfile: graded 0, saying so', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-expected-'));
    const run = await runGrade(['repo', path.join(REPOS, 'db-on-frontend'), '--json', '--out', out], { env: { GRADE_EXERCISES: 'web_server' } });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as GradeResult;
    expect(result.exercises.map((e) => e.id)).toEqual(['web_server']);
    const web = result.exercises[0]!;
    expect(web.score.points).toBe(0);
    expect(web.checks.find((c) => c.id === 'built')!.message).toBe('The build step did not run: the repository has no Dockerfile');
    expect(web.checks.find((c) => c.id === 'dockerfile')!.status).toBe('fail');
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  test('in Italian (--lang it): why grade repo did not run a step is Italian too', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-expected-it-'));
    const run = await runGrade(['repo', path.join(REPOS, 'db-on-frontend'), '--json', '--out', out, '--lang', 'it'], {
      env: { GRADE_EXERCISES: 'web_server' },
    });
    const web = (JSON.parse(run.stdout) as GradeResult).exercises[0]!;
    expect(web.checks.find((c) => c.id === 'built')!.message).toBe('Il passo build non è stato eseguito: nel repository non c’è Dockerfile');
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  test('a stack that never becomes healthy: only the compose step is lost, with the service named', async () => {
    const g = await gradeRepo('unhealthy', ['--pass-mark', '0']);
    expect(g.run.code).toBe(0);
    expect(g.lost).toEqual(['wordpress_compose/up']);
    expect(statusOf(g, 'wordpress_compose/up')!.message).toMatch(/service database did not become ready/);
    expect(g.after).toEqual(baseline());
  }, 240_000);

  test('a database that never comes up: the compose step fails within its time limit, naming the database; the site never answers', async () => {
    const t0 = Date.now();
    const g = await gradeRepo('db-never-up');
    expect(g.run.code).toBe(1);
    const up = statusOf(g, 'wordpress_compose/up')!;
    expect(up.status).toBe('fail');
    expect(up.message).toMatch(/service database did not become ready: nothing listened on port 3306 inside the container within 60 s/);
    expect(up.message).toMatch(/service wordpress did not become ready: port 8080 answered 500/);
    const site = statusOf(g, 'wordpress_compose/site')!;
    expect(site.status).toBe('fail');
    expect(site.message).toMatch(/answered 500, expected 200 \(after waiting \d+\.\d s: grade repo has just brought it up\)/);
    // Bounded: the 60 s readiness limit, then the site check's own limit, not a hang.
    expect(Date.now() - t0).toBeLessThan(150_000);
    expect(g.after).toEqual(baseline());
  }, 240_000);

  test('a compose file with name: under docker-compose v1: an environment limit (error), never the student’s fault', async () => {
    const g = await gradeRepo('compose-v2-name');
    expect(g.run.code).toBe(1);
    const ex = g.result.exercises.find((e) => e.id === 'wordpress_compose')!;
    // The file itself is graded, and is right.
    expect(statusOf(g, 'wordpress_compose/compose_file')!.status).toBe('pass');
    const up = statusOf(g, 'wordpress_compose/up')!;
    expect(up.status).toBe('error');
    expect(up.message).toMatch(/compose\.yaml is valid Compose, but this machine has only docker-compose v1, which refuses it .*Compose v2/);
    // Nothing of the stack could be looked at: error, not fail.
    expect(ex.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(statusOf(g, 'wordpress_compose/stack')!.message).toMatch(/^Not graded: compose\.yaml is valid Compose/);
    expect(g.after).toEqual(baseline());
  }, 240_000);

  test('Ctrl-C while the stack is coming up: exit 130, no report, and everything it started is removed', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-int-'));
    let pid = 0;
    const running = runGrade(['repo', path.join(REPOS, 'good'), '--out', out], { onSpawn: (p) => (pid = p) });
    // Interrupt once compose is bringing the stack up (the web_server image is built and its container ran).
    // (docker ps, not a snapshot: containers come and go between its list and its inspect)
    // (by time, not by a count of polls: each docker ps is slow on a busy machine)
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && !(await shell("docker ps -a --filter label=com.docker.compose.project --format '{{.Names}}'")).stdout.trim())
      await new Promise((r) => setTimeout(r, 100));
    process.kill(pid, 'SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/SIGINT: stopping, removing what grade repo started/);
    expect(r.stderr).toMatch(/grading interrupted; no report written/);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  // Regression: a Ctrl-C during up kills compose, but a container create it had sent can land after
  // `down` listed the project; that container holds the project's networks, and down left them.
  test('teardown converges: a first compose down that fails while a late container of the project holds its network', async () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-compose-'));
    const realCompose = (await sh('command -v docker-compose')).trim();
    // A docker-compose whose first `down` creates a container of the project on one of its
    // networks (as a create landing late would) and then fails; everything else is the real one.
    writeFileSync(
      path.join(bin, 'docker-compose'),
      [
        '#!/bin/sh',
        'project=; prev=; down=',
        'for a in "$@"; do [ "$prev" = -p ] && project=$a; [ "$a" = down ] && down=1; prev=$a; done',
        `if [ -n "$down" ] && [ ! -e ${bin}/fired ]; then`,
        `  touch ${bin}/fired`,
        '  net=$(docker network ls -q --filter label=com.docker.compose.project=$project | head -n 1)',
        '  docker run -d --label com.docker.compose.project=$project --network $net ubuntu sleep 600 >/dev/null',
        '  echo "simulated: down interrupted" >&2; exit 1',
        'fi',
        `exec ${realCompose} "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const out = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-late-'));
    const run = await runGrade(['repo', path.join(REPOS, 'good'), '--json', '--out', out], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(existsSync(path.join(bin, 'fired'))).toBe(true);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/could not remove what grade repo created/);
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  test('setup problems are one line and exit 2: no exercise files, no folder, no engine, an exercise without a repo section', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-empty-'));
    const none = await runGrade(['repo', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/has none of the files an exercise is graded from.*web_server \(Dockerfile\)/);
    const noFolder = await runGrade(['repo', path.join(empty, 'missing')]);
    expect([noFolder.code, noFolder.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(noFolder.stderr).toMatch(/there is no folder .*missing/);
    const noEngine = await runGrade(['repo', path.join(REPOS, 'good')], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    expect([noEngine.code, noEngine.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(noEngine.stderr).toMatch(/no Docker engine answers at unix:\/\/\/nonexistent\/docker.sock/);
    const unfit = await runGrade(['repo', path.join(REPOS, 'good'), 'memory_limits']);
    expect(unfit.code).toBe(2);
    expect(unfit.stderr).toMatch(/memory_limits cannot be graded from a repository/);
    expect(unfit.stderr).not.toMatch(NO_STACK);
  });
});
