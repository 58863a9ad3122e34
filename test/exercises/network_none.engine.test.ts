import { exerciseSuite } from '../support/exercise-suite';
import { gradeJson, scoreOf } from '../support/grade-cli';
import { resetEngine, suiteBaseline } from '../support/host-state';
import { sh } from '../support/shell';
import { interactiveSession } from '../support/slide-states';

exerciseSuite('network_none', [
  {
    name: '--network=host instead of none',
    setup: ['docker run -itd --network=host alpine /bin/sh'],
    statuses: { none: 'fail', loopback_only: 'skip' },
    points: 0,
  },
  {
    name: 'the none container exited without showing its interfaces',
    setup: ['docker run --network=none alpine true'],
    statuses: { none: 'pass', loopback_only: 'fail' },
    points: 50,
  },
  {
    name: 'the slide typed on the default bridge: ip address show lists eth0',
    setup: [interactiveSession('docker run -it alpine /bin/sh', ['ip address show', 'exit'])],
    statuses: { none: 'fail', loopback_only: 'skip' },
    points: 0,
  },
  { name: 'no --network option: the default bridge', setup: ['docker run -itd alpine /bin/sh'], statuses: { none: 'fail' }, points: 0 },
]);

describe('network_none, the container still running', () => {
  test('docker run -itd --network=none: the probe looks inside, full marks', async () => {
    const baseline = await suiteBaseline();
    try {
      await sh('docker run -itd --network=none alpine /bin/sh');
      const run = await gradeJson(['network_none']);
      expect(scoreOf(run, 'network_none')).toBe(100);
      expect(run.result.exercises[0]!.checks[1]!.message).toMatch(/^Inside \S+ there is only lo$/);
    } finally {
      await resetEngine(baseline);
    }
  });
});
