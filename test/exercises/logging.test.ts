import { exerciseSuite } from '../support/exercise-suite';

const loop = 'docker run -d --name test1 alpine /bin/sh -c "while true; do $(echo date); sleep 1; done"';

exerciseSuite('logging', [
  {
    name: 'the loop was stopped a while ago',
    setup: [loop, 'sleep 3.5', 'docker stop -t 0 test1', 'sleep 6'],
    statuses: { test1: 'fail', dated_lines: 'pass', still_printing: 'fail' },
    points: 35,
  },
  {
    name: 'a loop that prints something else',
    setup: ['docker run -d --name test1 alpine /bin/sh -c "while true; do echo hello; sleep 1; done"', 'sleep 3.5'],
    statuses: { test1: 'fail', dated_lines: 'fail', still_printing: 'fail' },
    points: 0,
  },
  {
    name: 'in the foreground with --rm: no container left',
    setup: ['docker run --rm alpine date'],
    statuses: { test1: 'fail', dated_lines: 'fail' },
    points: 0,
  },
]);
