import { testCheckKind } from '../test/support/check-tester';
import kind from './container.logs';

const dated = '^\\w{3} \\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d \\w+ \\d{4}$';
// The slide's loop; the host shell turns $(echo date) into date.
const loop = `docker run -d --name test1 alpine /bin/sh -c "while true; do $(echo date); sleep 1; done"`;
const params = { select: { name: 'test1' }, pattern: dated, minLines: 3, freshSeconds: 5 };
const settle = 'sleep 3.5';

testCheckKind(kind, {
  valid: [
    { name: 'the date loop, still printing', setup: [loop, settle], params, messageId: 'ok', data: { name: 'test1' } },
    {
      name: 'without a freshness requirement, a stopped loop still has its lines',
      setup: [loop, settle, 'docker stop -t 0 test1'],
      params: { ...params, freshSeconds: undefined },
    },
    {
      name: 'stopped with docker stop (the slide ends so): judged at the moment it stopped',
      setup: [loop, settle, 'docker stop -t 0 test1', 'sleep 6'],
      params,
      messageId: 'okStopped',
    },
  ],
  invalid: [
    {
      name: 'the loop had stopped printing long before it was stopped',
      setup: [
        'docker run -d --name test1 alpine /bin/sh -c "while true; do $(echo date); sleep 1; [ -f /hang ] && sleep 1000; done"',
        settle,
        'docker exec test1 touch /hang',
        'sleep 8',
        'docker stop -t 0 test1',
      ],
      params,
      messageId: 'staleStopped',
    },
    {
      name: 'the loop hangs while the container runs',
      setup: [
        'docker run -d --name test1 alpine /bin/sh -c "while true; do $(echo date); sleep 1; [ -f /hang ] && sleep 1000; done"',
        settle,
        'docker exec test1 touch /hang',
        'sleep 8',
      ],
      params,
      messageId: 'stale',
    },
    {
      name: 'a loop that prints something else',
      setup: ['docker run -d --name test1 alpine /bin/sh -c "while true; do echo tick; sleep 1; done"', settle],
      params,
      messageId: 'tooFew',
      data: { count: 0 },
    },
    { name: 'nothing logged yet', setup: ['docker run -d --name test1 alpine sleep 300'], params, messageId: 'tooFew', data: { last: 'none' } },
    { name: 'no test1', params, messageId: 'notFound' },
  ],
});
