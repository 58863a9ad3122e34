import { gradeJson, scoreOf, statuses } from '../support/grade-cli';
import { resetEngine, snapshotEngine, type EngineSnapshot } from '../support/host-state';
import { copyFixture, WEB_SERVER_DIR } from '../support/fixtures';
import { sh } from '../support/shell';
import { SLIDE_STATES } from '../support/slide-states';

const ID = 'web_server';
const allPass = { image: 'pass', derived: 'pass', apache: 'pass', index_html: 'pass', config: 'pass', container: 'pass', page: 'pass' };
const build = (dir = WEB_SERVER_DIR) => sh(`docker build -q -t web_server ${dir}`);

// The other states (the slide's, common mistakes) are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
describe(`exercise ${ID}`, () => {
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await snapshotEngine();
  });
  afterEach(async () => {
    await resetEngine(baseline);
  });

  test("the slides' Dockerfile, build and run score full marks, bonus included", async () => {
    for (const cmd of SLIDE_STATES[ID]!) await sh(cmd);
    const run = await gradeJson([ID]);
    // The slide's two RUN apt steps miss the Reduce Layers bonus, which costs nothing.
    expect(statuses(run, ID)).toEqual({ ...allPass, second_instance: 'pass', fewer_layers: 'fail' });
    expect(run.result.exercises[0]!.score).toEqual({ points: 100, max: 100 });
    expect(run.code).toBe(0);
  });

  test('Reduce Layers: apt chained in one RUN earns the bonus', async () => {
    await build(
      copyFixture(WEB_SERVER_DIR, { Dockerfile: (d) => d.replace('RUN apt update\nRUN apt install -y apache2', 'RUN apt update && apt install -y apache2') }),
    );
    await sh('docker run -d -p 8080:80 --name=web_server web_server');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ ...allPass, second_instance: 'fail', fewer_layers: 'pass' });
    expect(scoreOf(run, ID)).toBe(100);
  });
});
