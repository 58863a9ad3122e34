import { gradeJson, scoreOf, statuses } from '../support/grade-cli';
import { resetEngine, snapshotEngine, type EngineSnapshot } from '../support/host-state';
import { copyFixture, WEB_SERVER_DIR } from '../support/fixtures';
import { sh } from '../support/shell';
import { SLIDE_STATES } from '../support/slide-states';

const ID = 'web_server';
const allPass = { image: 'pass', derived: 'pass', apache: 'pass', index_html: 'pass', config: 'pass', container: 'pass', page: 'pass' };
const build = (dir = WEB_SERVER_DIR) => sh(`docker build -q -t web_server ${dir}`);

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

  test('without the bonus instance: still full marks and exit 0', async () => {
    await build();
    await sh('docker run -d -p 8080:80 --name=web_server web_server');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({ ...allPass, second_instance: 'fail', fewer_layers: 'fail' });
    expect(scoreOf(run, ID)).toBe(100);
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

  test('run on host port 8081 instead of 8080', async () => {
    await build();
    await sh('docker run -d -p 8081:80 --name=web_server web_server');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ container: 'fail', page: 'skip', second_instance: 'skip' });
    expect(scoreOf(run, ID)).toBe(60);
  });

  test('no EXPOSE 80 in the Dockerfile', async () => {
    await build(copyFixture(WEB_SERVER_DIR, { Dockerfile: (d) => d.replace('EXPOSE 80\n', '') }));
    await sh('docker run -d -p 8080:80 --name=web_server web_server');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ config: 'fail', page: 'pass' });
    expect(scoreOf(run, ID)).toBe(85);
  });

  test('another index.html: the page lacks the greeting', async () => {
    await build(copyFixture(WEB_SERVER_DIR, { 'index.html': () => '<html><h1>My page</h1></html>\n' }));
    await sh('docker run -d -p 8080:80 --name=web_server web_server');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ index_html: 'fail', page: 'fail', container: 'pass' });
    expect(scoreOf(run, ID)).toBe(65);
  });

  test('the container was stopped (docker stop)', async () => {
    await build();
    await sh('docker run -d -p 8080:80 --name=web_server web_server && docker stop -t 1 web_server');
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ container: 'fail', page: 'skip' });
    const container = run.result.exercises[0]!.checks.find((c) => c.id === 'container')!;
    expect(container.message).toBe('web_server is not running (exited)');
    expect(scoreOf(run, ID)).toBe(60);
  });
});
