import { exerciseSuite } from '../support/exercise-suite';
import { copyFixture, WEB_SERVER_DIR } from '../support/fixtures';
import { sh } from '../support/shell';

const allPass = { image: 'pass', derived: 'pass', apache: 'pass', index_html: 'pass', config: 'pass', container: 'pass', page: 'pass' } as const;

// The other states (the slide's, common mistakes) are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
exerciseSuite(
  'web_server',
  [
    {
      name: 'Reduce Layers: apt chained in one RUN earns the bonus',
      setup: [
        () =>
          sh(
            `docker build -q -t web_server ${copyFixture(WEB_SERVER_DIR, {
              Dockerfile: (d) => d.replace('RUN apt update\nRUN apt install -y apache2', 'RUN apt update && apt install -y apache2'),
            })}`,
          ),
        'docker run -d -p 8080:80 --name=web_server web_server',
      ],
      statuses: { ...allPass, second_instance: 'fail', fewer_layers: 'pass' },
      allChecks: true,
      points: 100,
      code: 0,
    },
  ],
  // The slide's two RUN apt steps miss the Reduce Layers bonus, which costs nothing.
  {
    slides: {
      name: "the slides' Dockerfile, build and run score full marks, bonus included",
      statuses: { ...allPass, second_instance: 'pass', fewer_layers: 'fail' },
    },
  },
);
