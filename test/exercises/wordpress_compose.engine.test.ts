import { exerciseSuite, type Step } from '../support/exercise-suite';
import { composeUp, composeVariant, WORDPRESS_DIR } from '../support/fixtures';
import { sh } from '../support/shell';

/** `docker-compose up -d` of the slides' compose file changed by `mutate`, copied when the case runs. */
const upVariant =
  (mutate: Parameters<typeof composeVariant>[0]): Step =>
  () =>
    sh(composeUp(composeVariant(mutate)));

exerciseSuite(
  'wordpress_compose',
  [
    {
      name: 'the database publishes its port',
      setup: [upVariant((doc) => doc.setIn(['services', 'database', 'ports'], ['3306:3306']))],
      statuses: { database_private: 'fail', site: 'pass' },
      points: 85,
    },
    {
      name: 'the database sits on the frontend network too',
      setup: [upVariant((doc) => doc.setIn(['services', 'database', 'networks'], ['backend', 'frontend']))],
      statuses: { database_private: 'fail' },
      messages: { database_private: 'olss_database_1 is also on olss_frontend' },
      points: 85,
    },
    {
      name: 'WordPress data in an anonymous volume',
      setup: [upVariant((doc) => doc.setIn(['services', 'wordpress', 'volumes'], ['/var/www/html']))],
      statuses: { volumes: 'fail', db_volume: 'pass' },
      points: 90,
    },
    {
      name: 'WordPress only on frontend: no database, no site',
      setup: [upVariant((doc) => doc.setIn(['services', 'wordpress', 'networks'], ['frontend']))],
      statuses: { wordpress_networks: 'fail', site: 'skip', database_private: 'pass' },
      points: 65,
    },
    {
      name: 'the stack was stopped (docker-compose stop)',
      setup: [composeUp(WORDPRESS_DIR), `docker-compose -p olss -f ${WORDPRESS_DIR}/docker-compose.yml stop -t 1 2>&1`],
      statuses: { stack: 'fail', site: 'skip' },
      points: 0,
    },
  ],
  {
    slides: {
      name: "the slides' stack (up --no-start, then start) scores full marks",
      statuses: {
        stack: 'pass',
        networks: 'pass',
        database_private: 'pass',
        wordpress_networks: 'pass',
        volumes: 'pass',
        db_volume: 'pass',
        site: 'pass',
      },
    },
  },
);
