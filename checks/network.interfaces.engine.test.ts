import { testCheckKind } from '../test/support/check-tester';
import kind, { interfacesOf } from './network.interfaces';

testCheckKind(kind, {
  valid: [
    {
      name: 'docker run -itd --network=none alpine',
      setup: ['docker run -itd --name lonely --network=none alpine /bin/sh'],
      params: { select: { name: 'lonely' }, only: ['lo'] },
      messageId: 'ok',
      data: { interfaces: 'lo' },
    },
    {
      name: 'any container with network none',
      setup: ['docker run -itd --network=none alpine /bin/sh'],
      params: { select: { image: 'alpine' }, only: ['lo'] },
    },
  ],
  invalid: [
    {
      name: 'on the default bridge: eth0 too',
      setup: ['docker run -itd --name lonely alpine /bin/sh'],
      params: { select: { name: 'lonely' }, only: ['lo'] },
      messageId: 'extra',
      data: { extra: 'eth0' },
    },
    {
      name: 'stopped: nothing to look at',
      setup: ['docker run --name lonely --network=none alpine true'],
      params: { select: { name: 'lonely' }, only: ['lo'] },
      messageId: 'notRunning',
    },
    // The grader cannot read /proc/net/dev without cat in the image: its problem, not the student's.
    {
      name: 'an image without cat',
      setup: ['docker run --name src alpine rm /bin/cat', 'docker commit src nocat', 'docker run -itd --name lonely --network=none nocat /bin/sh'],
      params: { select: { name: 'lonely' }, only: ['lo'] },
      messageId: 'noProbe',
      status: 'error',
    },
  ],
});

test('interface names from /proc/net/dev', () => {
  const text = `Inter-|   Receive                            |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0:    1532      18    0    0    0     0          0         0        0       0    0    0    0     0       0          0
`;
  expect(interfacesOf(text)).toEqual(['lo', 'eth0']);
});
