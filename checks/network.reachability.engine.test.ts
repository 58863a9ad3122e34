import { evaluateKind, testCheckKind } from '../test/support/check-tester';
import { resetEngine, suiteBaseline } from '../test/support/host-state';
import { sh } from '../test/support/shell';
import kind from './network.reachability';

const slides = [
  'docker run -td --name test1 alpine',
  'docker run -td --name test2 alpine',
  'docker network create my-bridge',
  'docker run -itd --network=my-bridge --name=test3 alpine',
];
const reach = { from: { name: 'test1' }, to: { name: 'test2' }, expect: 'reachable' as const };
const isolated = { from: { name: 'test1' }, to: { name: 'test3' }, expect: 'isolated' as const };

testCheckKind(kind, {
  valid: [
    { name: 'test1 reaches test2 on the default bridge', setup: slides, params: reach, messageId: 'reachable', data: { from: 'test1', to: 'test2' } },
    { name: 'test1 cannot reach test3 on my-bridge', setup: slides, params: isolated, messageId: 'isolated' },
    {
      name: 'containers on one user-defined bridge',
      setup: ['docker network create my-bridge', 'docker run -td --network my-bridge --name a1 alpine', 'docker run -td --network my-bridge --name a2 alpine'],
      params: { from: { name: 'a1' }, to: { name: 'a2' }, expect: 'reachable' },
    },
  ],
  invalid: [
    {
      name: 'test3 started on the default bridge is not isolated',
      setup: ['docker run -td --name test1 alpine', 'docker run -itd --name=test3 alpine'],
      params: isolated,
      messageId: 'notIsolated',
    },
    {
      name: 'test1 also connected to my-bridge reaches test3',
      setup: [...slides, 'docker network connect my-bridge test1'],
      params: isolated,
      messageId: 'notIsolated',
    },
    {
      name: 'test2 on another bridge is unreachable',
      setup: ['docker network create my-bridge', 'docker run -td --name test1 alpine', 'docker run -td --network my-bridge --name test2 alpine'],
      params: reach,
      messageId: 'unreachable',
    },
    { name: 'test1 is stopped', setup: [...slides, 'docker stop -t 0 test1'], params: reach, messageId: 'fromNotRunning', data: { what: 'container test1' } },
    { name: 'test2 does not exist', setup: ['docker run -td --name test1 alpine'], params: reach, messageId: 'toNotRunning' },
    // Not the student's fault: the grader cannot probe without ping in the image.
    {
      name: 'no ping in the source image',
      setup: ['docker run -td --name test1 ubuntu', 'docker run -td --name test2 alpine'],
      params: reach,
      messageId: 'noPing',
      status: 'error',
    },
  ],
});

describe('network.reachability probes sharing a network namespace', () => {
  // Regression: two pings in test1's namespace at once (both PID 1, so both ICMP
  // id 1) took each other's replies, and test3 looked reachable.
  test('a reachable and an isolated probe from the same container at once stay apart', async () => {
    const baseline = await suiteBaseline();
    try {
      for (const cmd of slides) await sh(cmd);
      for (let i = 0; i < 4; i++) {
        const [r, iso] = await Promise.all([evaluateKind(kind, reach), evaluateKind(kind, isolated)]);
        expect([r.status, iso.status]).toEqual(['pass', 'pass']);
      }
    } finally {
      await resetEngine(baseline);
    }
  });
});
