import { gradeJson, scoreOf, statuses } from '../support/grade-cli';
import { resetEngine, snapshotEngine, type EngineSnapshot } from '../support/host-state';
import { copyFixture, WEB_SERVER_DIR } from '../support/fixtures';
import { sh } from '../support/shell';
import { SLIDE_STATES } from '../support/slide-states';

const ID = 'ubuntu_with_ping';

// The other states (the slide's, common mistakes) are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
describe(`exercise ${ID}`, () => {
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await snapshotEngine();
  });
  afterEach(async () => {
    await resetEngine(baseline);
  });

  test("the slides' commands score full marks", async () => {
    // "How to extend a docker container (1)-(2)": install ping in a container, commit it.
    for (const cmd of SLIDE_STATES[ID]!) await sh(cmd);
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ image: 'pass', derived: 'pass', ping: 'pass', committed: 'pass' });
    expect(scoreOf(run, ID)).toBe(100);
    expect(run.code).toBe(0);
  });

  test('ping installed, but the image was built from a Dockerfile, not committed', async () => {
    const dir = copyFixture(WEB_SERVER_DIR, { Dockerfile: () => 'FROM ubuntu\nRUN apt update\nRUN apt install -y iputils-ping\nCMD ["/bin/bash"]\n' });
    await sh(`docker build -q -t ubuntu_with_ping ${dir}`);
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ image: 'pass', derived: 'pass', ping: 'pass', committed: 'fail' });
    expect(scoreOf(run, ID)).toBe(80);
  });

  // A Dockerfile of only FROM and RUN leaves no #(nop) row with the legacy builder: its
  // history reads like a commit of `docker run ubuntu /bin/sh -c "…"`; the image config tells.
  const runOnly = 'FROM ubuntu\nRUN apt update && apt -y install iputils-ping\n';
  test('a FROM + RUN Dockerfile, legacy builder, is a build', async () => {
    await sh(`docker build -q -t ubuntu_with_ping ${copyFixture(WEB_SERVER_DIR, { Dockerfile: () => runOnly })}`);
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ image: 'pass', derived: 'pass', ping: 'pass', committed: 'fail' });
    expect(run.result.exercises[0]!.checks.find((c) => c.id === 'committed')!.message).toMatch(/made by docker build .*legacy-builder RUN step/);
    expect(scoreOf(run, ID)).toBe(80);
  });

  test('a FROM + RUN Dockerfile, BuildKit, is a build', async () => {
    await sh(`DOCKER_BUILDKIT=1 /usr/bin/docker build -q -t ubuntu_with_ping ${copyFixture(WEB_SERVER_DIR, { Dockerfile: () => runOnly })}`);
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ image: 'pass', derived: 'pass', ping: 'pass', committed: 'fail' });
    expect(run.result.exercises[0]!.checks.find((c) => c.id === 'committed')!.message).toMatch(/BuildKit/);
  });

  test('a commit of a sh -c one-liner is a commit', async () => {
    await sh('docker run --name oneliner ubuntu /bin/sh -c "apt update && apt -y install iputils-ping" && docker commit oneliner ubuntu_with_ping');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ image: 'pass', derived: 'pass', ping: 'pass', committed: 'pass' });
  });

  test('nothing done: 0, a hint on every failed check', async () => {
    const run = await gradeJson([ID]);
    expect(scoreOf(run, ID)).toBe(0);
    const checks = run.result.exercises[0]!.checks;
    expect(checks.filter((c) => c.status === 'fail').every((c) => c.hint && c.slide)).toBe(true);
  });
});
