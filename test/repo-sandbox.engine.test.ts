import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GradeResult } from '../src/result/types';
import { REPO_PROJECT, REPO_RUN_LABEL } from '../src/grading-target/repo/repo-stage';
import { LocalTarget } from '../src/grading-target/local/local-target';
import { engineResetAfterEach, snapshotEngine } from './support/host-state';
import { runGrade, type CliRun } from './support/run-cli';
import { sh } from './support/shell';

/** A student repository written for one test: file name → content. */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-hostile-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function gradeRepo(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ run: CliRun; result: GradeResult; seconds: number }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'grade-hostile-out-'));
  const t0 = Date.now();
  const run = await runGrade(['repo', dir, '--json', '--out', out, ...args], { env });
  if (!run.stdout) throw new Error(`grade repo could not run (exit ${run.code}):\n${run.stderr}`);
  return { run, result: JSON.parse(run.stdout) as GradeResult, seconds: (Date.now() - t0) / 1000 };
}

const check = (r: GradeResult, exercise: string, id: string) => r.exercises.find((e) => e.id === exercise)!.checks.find((c) => c.id === id)!;

/** A compose file of one alpine service, with `extra` lines under it. */
const oneService = (extra: string) => `services:\n  app:\n    image: alpine\n    command: ["sleep", "600"]\n${extra}`;

describe('grade repo with hostile student code: nothing reaches beyond its own grade', () => {
  const baseline = engineResetAfterEach();

  test('a build that prints the names and ids of other objects: they survive, its own leftovers do not', async () => {
    // Someone else's container and image on the shared engine.
    await sh('docker run -d --name decoy alpine sleep 600');
    await sh('docker run --name decoy-src alpine true && docker commit decoy-src decoy-image >/dev/null && docker rm decoy-src');
    const decoyContainer = (await sh('docker inspect -f "{{.Id}}" decoy')).trim();
    const decoyImage = (await sh('docker inspect -f "{{.Id}}" decoy-image')).trim().replace('sha256:', '');
    const withDecoys = await snapshotEngine();
    const dir = repository({
      Dockerfile: [
        'FROM ubuntu',
        'RUN echo step one',
        // What the legacy builder prints for its own containers and layers, printed by the student.
        `RUN echo ' ---> Running in decoy'; echo ' ---> Running in ${decoyContainer.slice(0, 12)}'; echo 'Removing intermediate container ${decoyContainer.slice(0, 12)}'; echo ' ---> ${decoyImage.slice(0, 12)}'; echo ' ---> ${decoyImage}'; exit 1`,
        '',
      ].join('\n'),
      'index.html': 'hello',
    });
    const { run, result } = await gradeRepo(dir, ['web_server']);
    expect(run.code).toBe(1);
    expect(check(result, 'web_server', 'built').message).toMatch(/docker build -f Dockerfile \. failed: The command .* returned a non-zero code: 1/);
    // The decoys are untouched; everything the build made (the RUN echo step one layer) is gone.
    expect(await snapshotEngine()).toEqual(withDecoys);
  }, 240_000);

  test('RUN sleep infinity: the build step fails at its time limit, and nothing is left running', async () => {
    const dir = repository({ Dockerfile: 'FROM ubuntu\nRUN sleep infinity\n', 'index.html': 'hello' });
    const { run, result, seconds } = await gradeRepo(dir, ['web_server', '--step-timeout', '8']);
    expect(run.code).toBe(1);
    expect(check(result, 'web_server', 'built').message).toBe('docker build -f Dockerfile . failed: it did not finish within 8 s');
    expect(seconds).toBeLessThan(60);
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  test('a fork bomb as the container command is held by the pids limit, and removed', async () => {
    const dir = repository({ Dockerfile: 'FROM ubuntu\nCMD ["/bin/sh", "-c", "b() { b | b & }; b; sleep 600"]\n', 'index.html': 'hello' });
    const { run, result } = await gradeRepo(dir, ['web_server']);
    expect(run.code).toBe(1);
    expect(check(result, 'web_server', 'started').status).toBe('fail');
    // The engine still answers, and the machine still forks.
    expect((await sh('docker version --format "{{.Server.Version}}"')).trim()).not.toBe('');
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  test('build steps and compose services run under the sandbox limits (1 GiB, 1 CPU)', async () => {
    const limits = 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us';
    const build = await gradeRepo(repository({ Dockerfile: `FROM ubuntu\nRUN ${limits}; exit 1\n`, 'index.html': 'hello' }), ['web_server']);
    const buildLog = (check(build.result, 'web_server', 'built').evidence?.actual as { log?: string }).log ?? '';
    expect(buildLog).toMatch(/\b1073741824\s+100000\b/);
    const compose = await gradeRepo(
      repository({ 'docker-compose.yml': `services:\n  app:\n    image: alpine\n    command: ["sh", "-c", "${limits}; exit 3"]\n` }),
      ['wordpress_compose'],
    );
    const composeLog = (check(compose.result, 'wordpress_compose', 'up').evidence?.actual as { log?: string }).log ?? '';
    // (container logs carry their time stamps)
    expect(composeLog).toMatch(/\b1073741824\s+(\S+Z )?100000\b/);
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  test('what a killed run left is swept by label once old enough; nothing else is', async () => {
    await sh('docker run -d --name killed-run --label io.github.grade.repo-run=deadbeef-web_server alpine sleep 600');
    await sh('docker network create --label com.docker.compose.project=gradedeadbeefwordpresscompose gradedeadbeefwordpresscompose_backend >/dev/null');
    await sh('docker run -d --name bystander --label com.docker.compose.project=costa alpine sleep 600');
    const target = await new LocalTarget().open();
    try {
      expect(await target.engine.sweepOwn(REPO_RUN_LABEL, REPO_PROJECT, 0)).toBe(2);
    } finally {
      await target.close();
    }
    const names = (await sh("docker ps -a --format '{{.Names}}'")).trim().split('\n');
    expect(names).toEqual(['bystander']);
    expect(await sh("docker network ls --format '{{.Name}}'")).not.toContain('gradedeadbeef');
  });

  test('privileged, host mounts, the Docker socket and host namespaces are refused before anything starts, line by line', async () => {
    const dir = repository({
      'docker-compose.yml': oneService(
        ['    privileged: true', '    network_mode: host', '    volumes:', '      - /:/host', '      - /var/run/docker.sock:/var/run/docker.sock', ''].join(
          '\n',
        ),
      ),
    });
    const { run, result } = await gradeRepo(dir, ['wordpress_compose']);
    expect(run.code).toBe(1);
    const up = check(result, 'wordpress_compose', 'up');
    expect(up.status).toBe('fail');
    expect(up.message).toBe(
      'docker-compose.yml was not started: line 5: services.app.privileged: privileged: true gives the container the whole host; ' +
        "line 6: services.app.network_mode: network_mode: host shares the host's network namespace; " +
        'line 8: services.app.volumes: bind mount / is outside the repository; ' +
        'line 9: services.app.volumes: bind mount /var/run/docker.sock is outside the repository',
    );
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  test("a service cannot read the grader's environment through ${VAR}", async () => {
    const dir = repository({
      'docker-compose.yml': `services:\n  app:\n    image: alpine\n    environment:\n      SEEN: "home=[\${HOME}] secret=[\${GRADE_TEST_SECRET}] user=[\${DOCKERHUB_USER}]"\n    command: ["sh", "-c", "echo \\"$$SEEN\\"; exit 3"]\n`,
    });
    const { result } = await gradeRepo(dir, ['wordpress_compose', '--var', 'dockerhub_user=alice'], { GRADE_TEST_SECRET: 'hunter2' });
    const up = check(result, 'wordpress_compose', 'up');
    const log = (up.evidence?.actual as { log?: string }).log ?? '';
    expect(log).toMatch(/secret=\[\] user=\[alice\]/);
    expect(log).not.toContain('hunter2');
    expect(log).not.toContain(`home=[${os.homedir()}]`);
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);

  test('a service that builds and names an image the engine has: refused, the image keeps its id', async () => {
    const alpine = (await sh('docker inspect -f "{{.Id}}" alpine')).trim();
    const dir = repository({
      'docker-compose.yml': 'services:\n  app:\n    build: .\n    image: alpine\n',
      Dockerfile: 'FROM ubuntu\nRUN echo replaced\n',
    });
    const { result } = await gradeRepo(dir, ['wordpress_compose']);
    expect(check(result, 'wordpress_compose', 'up').message).toMatch(
      /line 4: services\.app\.image: build: would re-tag image alpine, which the engine already has/,
    );
    expect((await sh('docker inspect -f "{{.Id}}" alpine')).trim()).toBe(alpine);
    expect(await snapshotEngine()).toEqual(baseline());
  }, 240_000);
});
