import { gradeJson, scoreOf } from '../support/grade-cli';
import { resetEngine, suiteBaseline } from '../support/host-state';
import { sh } from '../support/shell';

// The slide's state and the common mistakes are the spec's examples (exercises/network_none.yaml, run by grade test).
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
