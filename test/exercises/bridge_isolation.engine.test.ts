import { gradeJson, scoreOf, statuses } from '../support/grade-cli';
import { resetEngine, snapshotEngine, type EngineSnapshot } from '../support/host-state';
import { sh } from '../support/shell';

const ID = 'bridge_isolation';
const slides = async () => {
  await sh('docker run -td --name test1 alpine');
  await sh('docker run -td --name test2 alpine');
  await sh('docker network create my-bridge');
  await sh('docker run -itd --network=my-bridge --name=test3 alpine');
};

// The other states (the slide's, common mistakes) are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
describe(`exercise ${ID}`, () => {
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await snapshotEngine();
  });
  afterEach(async () => {
    await resetEngine(baseline);
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

  test('test2 stopped: nothing to ping', async () => {
    await slides();
    await sh('docker stop -t 0 test2');
    const run = await gradeJson([ID]);
    expect(run.result.exercises[0]!.checks.find((c) => c.id === 'isolated')!.message).toMatch(/^test1 cannot reach test3/);
    expect(statuses(run, ID)).toMatchObject({ test2: 'fail', same_bridge: 'skip', isolated: 'pass' });
    expect(scoreOf(run, ID)).toBe(70);
  });
});
