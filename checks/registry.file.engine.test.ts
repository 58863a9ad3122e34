import { testCheckKind } from '../test/support/check-tester';
import { COMMIT_PING, pushAs, useTestRegistry } from '../test/support/registry-fixture';
import kind from './registry.file';

const { registry } = useTestRegistry();
const image = 'alice/olss_2021:ubuntu_with_ping_1.0';

testCheckKind(kind, {
  registry: () => ({ dockerHubUrl: registry().url }),
  valid: [
    {
      name: 'ping, looked up in the image PATH: a symlink to busybox in a lower layer',
      setup: [...COMMIT_PING, pushAs(registry, 'ubuntu_with_ping', image)],
      params: { image, path: 'ping' },
      messageId: 'found',
      data: { path: '/bin/busybox', via: ' (via /bin/ping → /bin/busybox)' },
    },
    {
      name: 'an absolute path',
      setup: [...COMMIT_PING, pushAs(registry, 'ubuntu_with_ping', image)],
      params: { image, path: '/usr/bin/apt' },
      data: { path: '/usr/bin/apt' },
    },
    {
      name: 'a usr-merged image: /bin is a symlink, the file is under /usr/bin',
      setup: [
        'docker run --name merged ubuntu sh -c "mkdir -p /usr/bin && mv /bin/* /usr/bin/ && /usr/bin/busybox rmdir /bin && /usr/bin/busybox ln -s usr/bin /bin"',
        'docker commit merged merged',
        'docker run --name withping merged /usr/bin/busybox sh -c "/usr/bin/busybox ln -s busybox /usr/bin/ping"',
        'docker commit withping ubuntu_with_ping',
        pushAs(registry, 'ubuntu_with_ping', image),
      ],
      params: { image, path: '/bin/ping' },
      data: { path: '/usr/bin/busybox' },
    },
  ],
  invalid: [
    { name: 'docker tag ubuntu ubuntu_with_ping: no ping', setup: [pushAs(registry, 'ubuntu', image)], params: { image, path: 'ping' }, messageId: 'absent' },
    {
      name: 'ping installed, then removed in a later layer (a whiteout)',
      setup: [...COMMIT_PING, 'docker run --name rm ubuntu_with_ping rm /bin/ping', 'docker commit rm removed', pushAs(registry, 'removed', image)],
      params: { image, path: 'ping' },
      messageId: 'absent',
      data: { read: expect.stringMatching(/^3 of 3 layer\(s\) read/) },
    },
    { name: 'not pushed', params: { image, path: 'ping' }, messageId: 'notFound' },
  ],
});
