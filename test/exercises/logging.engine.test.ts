import { exerciseSuite } from '../support/exercise-suite';
import { gradeJson, scoreOf } from '../support/grade-cli';
import { resetEngine, suiteBaseline } from '../support/host-state';
import { sh } from '../support/shell';

const loop = 'docker run -d --name test1 alpine /bin/sh -c "while true; do $(echo date); sleep 1; done"';

// The slide's state typed to the letter and the common mistakes are the spec's examples, run by grade test
// (test/exercise-examples.engine.test.ts); here what they cannot say: the messages.
exerciseSuite('logging', [
  {
    name: 'the loop stopped printing long before docker stop',
    setup: [
      'docker run -d --name test1 alpine /bin/sh -c "while true; do $(echo date); sleep 1; [ -f /hang ] && sleep 1000; done"',
      'sleep 3.5',
      'docker exec test1 touch /hang',
      'sleep 8',
      'docker stop -t 0 test1',
    ],
    statuses: { test1: 'pass', dated_lines: 'pass', still_printing: 'fail' },
    points: 65,
    messages: { still_printing: /^test1 was stopped, and the newest line in its log is \d+ s older than that/ },
  },
]);

describe('logging, typed to the letter', () => {
  test('the slide ends with docker stop test1: full marks, judged at the moment it stopped', async () => {
    const baseline = await suiteBaseline();
    try {
      // docker stop waits 10 s for sh, which ignores SIGTERM, then kills it: the loop printed until then.
      await sh(loop);
      await sh('sleep 3.5 && docker stop test1 && sleep 6');
      const run = await gradeJson(['logging']);
      expect(scoreOf(run, 'logging')).toBe(100);
      expect(run.result.exercises[0]!.checks[2]!.message).toMatch(
        /^test1 was stopped; it logged \d+ matching line\(s\) until then, the newest [01] s before it stopped/,
      );
    } finally {
      await resetEngine(baseline);
    }
  }, 90_000);
});
