import { gradeJson, scoreOf, statuses } from '../support/grade-cli';
import { resetEngine, snapshotEngine, type EngineSnapshot } from '../support/host-state';
import { sh, shell } from '../support/shell';

const ID = 'memory_limits';

// The other states (the slide's, common mistakes) are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
describe(`exercise ${ID}`, () => {
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await snapshotEngine();
  });
  afterEach(async () => {
    await resetEngine(baseline);
  });

  test('--memory=512m instead of 256m', async () => {
    await sh('docker run -d -p 8080:80 --memory=512m nginx');
    await sh('docker run -d -p 8081:80 --cpus=".5" nginx');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ memory: 'fail', stats: 'skip', published: 'skip', cpus: 'pass' });
    const memory = run.result.exercises[0]!.checks[0]!;
    expect(memory.message).toMatch(/^No container of image nginx fits \(2 candidates\): .*has memory limit 512 MiB, not 256m/);
    expect(scoreOf(run, ID)).toBe(30);
  });

  test('typed to the letter, the second command on 8080 again: created, not started, and its limit counts', async () => {
    await sh('docker run -d -p 8080:80 --memory="256m" nginx');
    // The port is taken: docker creates the container but cannot start it.
    expect((await shell('docker run -d -p 8080:80 --cpus=".5" nginx')).code).not.toBe(0);
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ memory: 'pass', stats: 'pass', published: 'pass', cpus: 'pass' });
    expect(scoreOf(run, ID)).toBe(100);
  });
});
