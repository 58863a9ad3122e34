import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gradeJson, statuses } from '../support/grade-cli';
import { engineResetAfterEach } from '../support/host-state';
import { COMMIT_PING, pushAs, useTestRegistry } from '../support/registry-fixture';
import { TEST_USERS } from '../support/registry-server';
import { runGrade } from '../support/run-cli';
import { sh } from '../support/shell';

const ID = 'docker_hub_push';
const { registry } = useTestRegistry();
const TAG = 'alice/olss_2021:ubuntu_with_ping_1.0';
const grade = (extra: string[] = [], env: NodeJS.ProcessEnv = process.env) =>
  gradeJson([ID, '--registry', registry().url, '--var', 'dockerhub_user=alice', ...extra], env);
const push = (local: string) => sh(pushAs(registry, local, TAG)());

describe(`exercise ${ID}, against a registry with token auth like Docker Hub's`, () => {
  engineResetAfterEach();

  test("the slides' tag and push score full marks, reading the registry only", async () => {
    for (const cmd of COMMIT_PING) await sh(cmd);
    await push('ubuntu_with_ping');
    const before = registry().tokenRequests.length;
    const run = await grade();
    expect(statuses(run, ID)).toEqual({ pushed: 'pass', public: 'pass', same_image: 'pass', ping: 'pass' });
    expect(run.result.exercises[0]!.score.points).toBe(100);
    // Every token the grader asked for was a pull scope, anonymous.
    const asked = registry().tokenRequests.slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((t) => t.user === undefined && t.scope.every((s) => s === 'repository:alice/olss_2021:pull'))).toBe(true);
  });

  test('the Docker Hub user from grade init', async () => {
    for (const cmd of COMMIT_PING) await sh(cmd);
    await push('ubuntu_with_ping');
    const config = path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-cfg-')), 'config.yaml');
    writeFileSync(config, 'student: { id: s42, name: Alice }\nvars: { dockerhub_user: alice }\n');
    const run = await gradeJson([ID, '--registry', registry().url], { ...process.env, GRADE_CONFIG: config });
    expect(run.result.exercises[0]!.score.points).toBe(100);
    expect(run.result.student).toEqual({ id: 's42', name: 'Alice' });
  });

  test('not pushed', async () => {
    for (const cmd of COMMIT_PING) await sh(cmd);
    const run = await grade();
    expect(statuses(run, ID)).toEqual({ pushed: 'fail', public: 'skip', same_image: 'skip', ping: 'skip' });
    expect(run.result.exercises[0]!.checks[0]!.hint).toContain('docker push alice/olss_2021:ubuntu_with_ping_1.0');
  });

  test('ubuntu pushed under the tag (docker tag ubuntu …): not the local image, no ping', async () => {
    for (const cmd of COMMIT_PING) await sh(cmd);
    await push('ubuntu');
    const run = await grade();
    expect(statuses(run, ID)).toEqual({ pushed: 'pass', public: 'pass', same_image: 'fail', ping: 'fail' });
    expect(run.result.exercises[0]!.score.points).toBe(50);
  });

  test('a private repository: graded anonymously it cannot be read; with credentials only "public" fails', async () => {
    for (const cmd of COMMIT_PING) await sh(cmd);
    await push('ubuntu_with_ping');
    registry().privateRepos.add('alice/olss_2021');
    const anonymous = await grade();
    expect(statuses(anonymous, ID)).toEqual({ pushed: 'fail', public: 'skip', same_image: 'skip', ping: 'skip' });
    const withCredentials = await grade([], { ...process.env, GRADE_REGISTRY_USERNAME: 'alice', GRADE_REGISTRY_PASSWORD: TEST_USERS.alice! });
    expect(statuses(withCredentials, ID)).toEqual({ pushed: 'pass', public: 'fail', same_image: 'pass', ping: 'pass' });
    const pub = withCredentials.result.exercises[0]!.checks.find((c) => c.id === 'public')!;
    expect(pub.hint).toMatch(/make it public/);
    // The password is nowhere in what grade printed.
    expect(withCredentials.stdout + withCredentials.stderr).not.toContain(TEST_USERS.alice!);
  });

  test('a Docker Hub user typed with capitals', async () => {
    const run = await gradeJson([ID, '--registry', registry().url, '--var', 'dockerhub_user=Alice']);
    const pushed = run.result.exercises[0]!.checks[0]!;
    expect(pushed).toMatchObject({
      status: 'fail',
      messageId: 'invalidName',
      message: 'Alice/olss_2021:ubuntu_with_ping_1.0 is not a valid image name: repository names are lowercase only',
    });
  });

  test('grade docker_hub_push without the user: exit 2, saying how to give it', async () => {
    const r = await runGrade([ID]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'grade: exercise docker_hub_push needs dockerhub_user (your Docker Hub user name (lowercase)) — pass --var dockerhub_user=alice, set GRADE_VAR_DOCKERHUB_USER, or run grade init',
    );
  });
});
