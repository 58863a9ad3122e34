import { exerciseSuite } from '../support/exercise-suite';
import { interactiveRun } from '../support/slide-states';

exerciseSuite('first_steps', [
  {
    name: 'echo with --rm leaves no container',
    setup: ['docker run --rm ubuntu echo "hello from the container"', interactiveRun('ubuntu /bin/bash')],
    statuses: { echo: 'fail', interactive: 'pass' },
    points: 60,
  },
  { name: 'another greeting', setup: ['docker run ubuntu echo "hello world"', interactiveRun('ubuntu /bin/bash')], statuses: { echo: 'fail' }, points: 60 },
  {
    name: 'bash without -it',
    setup: ['docker run ubuntu echo "hello from the container"', 'docker run ubuntu /bin/bash'],
    statuses: { echo: 'pass', interactive: 'fail' },
    points: 70,
  },
]);
