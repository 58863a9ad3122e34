import { gradeJson, scoreOf, statuses } from '../support/grade-cli';
import { resetEngine, snapshotEngine, type EngineSnapshot } from '../support/host-state';
import { composeUp, composeVariant, WORDPRESS_DIR } from '../support/fixtures';
import { sh } from '../support/shell';
import { SLIDE_STATES } from '../support/slide-states';

const ID = 'wordpress_compose';

describe(`exercise ${ID}`, () => {
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await snapshotEngine();
  });
  afterEach(async () => {
    await resetEngine(baseline);
  });

  test("the slides' stack (up --no-start, then start) scores full marks", async () => {
    for (const cmd of SLIDE_STATES[ID]!) await sh(cmd);
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toEqual({
      stack: 'pass',
      networks: 'pass',
      database_private: 'pass',
      wordpress_networks: 'pass',
      volumes: 'pass',
      db_volume: 'pass',
      site: 'pass',
    });
    expect(scoreOf(run, ID)).toBe(100);
  });

  test('the database publishes its port', async () => {
    await sh(composeUp(composeVariant((doc) => doc.setIn(['services', 'database', 'ports'], ['3306:3306']))));
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ database_private: 'fail', site: 'pass' });
    expect(scoreOf(run, ID)).toBe(85);
  });

  test('the database sits on the frontend network too', async () => {
    await sh(composeUp(composeVariant((doc) => doc.setIn(['services', 'database', 'networks'], ['backend', 'frontend']))));
    const run = await gradeJson([ID]);
    const check = run.result.exercises[0]!.checks.find((c) => c.id === 'database_private')!;
    expect(check.status).toBe('fail');
    expect(check.message).toBe('olss_database_1 is also on olss_frontend');
    expect(scoreOf(run, ID)).toBe(85);
  });

  test('WordPress data in an anonymous volume', async () => {
    await sh(composeUp(composeVariant((doc) => doc.setIn(['services', 'wordpress', 'volumes'], ['/var/www/html']))));
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ volumes: 'fail', db_volume: 'pass' });
    expect(scoreOf(run, ID)).toBe(90);
  });

  test('WordPress only on frontend: no database, no site', async () => {
    await sh(composeUp(composeVariant((doc) => doc.setIn(['services', 'wordpress', 'networks'], ['frontend']))));
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ wordpress_networks: 'fail', site: 'skip', database_private: 'pass' });
    expect(scoreOf(run, ID)).toBe(65);
  });

  test('the stack was stopped (docker-compose stop)', async () => {
    await sh(`${composeUp(WORDPRESS_DIR)} && docker-compose -p olss -f ${WORDPRESS_DIR}/docker-compose.yml stop -t 1 2>&1`);
    const run = await gradeJson([ID]);
    expect(statuses(run, ID)).toMatchObject({ stack: 'fail', site: 'skip' });
    expect(scoreOf(run, ID)).toBe(0);
  });
});
