import { exerciseSuite } from '../support/exercise-suite';

exerciseSuite('network_none', [
  {
    name: '--network=host instead of none',
    setup: ['docker run -itd --network=host alpine /bin/sh'],
    statuses: { none: 'fail', loopback_only: 'skip' },
    points: 0,
  },
  { name: 'the none container has exited', setup: ['docker run --network=none alpine true'], statuses: { none: 'pass', loopback_only: 'fail' }, points: 50 },
  { name: 'no --network option: the default bridge', setup: ['docker run -itd alpine /bin/sh'], statuses: { none: 'fail' }, points: 0 },
]);
