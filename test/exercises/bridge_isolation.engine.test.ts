import { exerciseSuite } from '../support/exercise-suite';

/** The slides' first steps: test1 and test2 on the default bridge, test3 alone on my-bridge. */
const slides = [
  'docker run -td --name test1 alpine',
  'docker run -td --name test2 alpine',
  'docker network create my-bridge',
  'docker run -itd --network=my-bridge --name=test3 alpine',
];

// The other states (the slide's, common mistakes) are the spec's examples, run by grade test (test/exercise-examples.engine.test.ts).
exerciseSuite('bridge_isolation', [
  {
    name: 'test1 connected to my-bridge reaches test3',
    setup: [...slides, 'docker network connect my-bridge test1'],
    statuses: { isolated: 'fail' },
    messages: { isolated: /^test1 reaches test3 at \d+\.\d+\.\d+\.\d+: they share a network$/ },
    // 70 + the bonus (test1 is now on two bridges).
    points: 80,
  },
  {
    name: 'test2 stopped: nothing to ping',
    setup: [...slides, 'docker stop -t 0 test2'],
    statuses: { test2: 'fail', same_bridge: 'skip', isolated: 'pass' },
    messages: { isolated: /^test1 cannot reach test3/ },
    points: 70,
  },
]);
