import { gradeJson, scoreOf, statuses } from '../support/grade-cli';
import { resetEngine, snapshotEngine, type EngineSnapshot } from '../support/host-state';
import { sh } from '../support/shell';
import { SLIDE_STATES } from '../support/slide-states';

const ID = 'bridge_isolation';
const slides = async () => {
  await sh('docker run -td --name test1 alpine');
  await sh('docker run -td --name test2 alpine');
  await sh('docker network create my-bridge');
  await sh('docker run -itd --network=my-bridge --name=test3 alpine');
};

describe(`exercise ${ID}`, () => {
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await snapshotEngine();
  });
  afterEach(async () => {
    await resetEngine(baseline);
  });

  test("the slides' commands, plus a fourth container on both bridges, score full marks", async () => {
    for (const cmd of SLIDE_STATES[ID]!) await sh(cmd);
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({
      test1: 'pass',
      test2: 'pass',
      my_bridge: 'pass',
      test3: 'pass',
      same_bridge: 'pass',
      isolated: 'pass',
      two_bridges: 'pass',
    });
    expect(scoreOf(run, ID)).toBe(100);
    expect(run.code).toBe(0);
  });

  test('test3 started on the default bridge', async () => {
    await sh('docker run -td --name test1 alpine && docker run -td --name test2 alpine && docker network create my-bridge');
    await sh('docker run -itd --name=test3 alpine');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ test3: 'fail', isolated: 'skip', same_bridge: 'pass' });
    expect(scoreOf(run, ID)).toBe(55);
  });

  test('test1 connected to my-bridge reaches test3', async () => {
    await slides();
    await sh('docker network connect my-bridge test1');
    const run = await gradeJson([ID]);
    const isolated = run.result.exercises[0]!.checks.find((c) => c.id === 'isolated')!;
    expect(isolated.status).toBe('fail');
    expect(isolated.message).toMatch(/^test1 reaches test3 at \d+\.\d+\.\d+\.\d+: they share a network$/);
    // 70 + the bonus (test1 is now on two bridges).
    expect(scoreOf(run, ID)).toBe(80);
  });

  test('my-bridge never created', async () => {
    await sh('docker run -td --name test1 alpine && docker run -td --name test2 alpine');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ my_bridge: 'fail', test3: 'skip', isolated: 'skip', same_bridge: 'pass' });
    expect(scoreOf(run, ID)).toBe(40);
  });

  test('test2 stopped: nothing to ping', async () => {
    await slides();
    await sh('docker stop -t 0 test2');
    const run = await gradeJson([ID]);
    expect(run.result.exercises[0]!.checks.find((c) => c.id === 'isolated')!.message).toMatch(/^test1 cannot reach test3/);
    expect(statuses(run, ID)).toMatchObject({ test2: 'fail', same_bridge: 'skip', isolated: 'pass' });
    expect(scoreOf(run, ID)).toBe(70);
  });
});
