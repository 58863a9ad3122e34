import { testCheckKind } from '../test/support/check-tester';
import { COMMIT_PING, pushAs, useTestRegistry } from '../test/support/registry-fixture';
import kind from './registry.layers';

const { registry } = useTestRegistry();
const image = 'alice/olss_2021:ubuntu_with_ping_1.0';
const params = { image, local: 'ubuntu_with_ping' };

testCheckKind(kind, {
  registry: () => ({ dockerHubUrl: registry().url }),
  valid: [
    {
      name: 'the local ubuntu_with_ping, pushed',
      setup: [...COMMIT_PING, pushAs(registry, 'ubuntu_with_ping', image)],
      params,
      messageId: 'same',
      data: { count: 2 },
    },
    {
      name: 'built on top of it, when extra layers are allowed',
      setup: [...COMMIT_PING, 'docker run --name more ubuntu_with_ping touch /extra', 'docker commit more bigger', pushAs(registry, 'bigger', image)],
      params: { ...params, allowExtraLayers: true },
      messageId: 'extra',
      data: { extra: 1 },
    },
  ],
  invalid: [
    {
      name: 'another image under the tag (ubuntu itself)',
      setup: [...COMMIT_PING, pushAs(registry, 'ubuntu', image)],
      params,
      messageId: 'different',
      data: { why: 'it has 1 layer(s), the local image 2' },
    },
    {
      name: 'a different commit (ping installed again, another layer)',
      setup: [
        ...COMMIT_PING,
        'docker run --name again ubuntu /bin/bash -c "apt -y install iputils-ping; touch /x"',
        'docker commit again other',
        pushAs(registry, 'other', image),
      ],
      params,
      messageId: 'different',
      data: { why: expect.stringMatching(/^layer 2 differs/) },
    },
    {
      name: 'built on top of it, extra layers not allowed',
      setup: [...COMMIT_PING, 'docker run --name more ubuntu_with_ping touch /extra', 'docker commit more bigger', pushAs(registry, 'bigger', image)],
      params,
      messageId: 'different',
      data: { why: 'it has 1 layer(s) more (it was built on top of it)' },
    },
    { name: 'the local image was removed', setup: [pushAs(registry, 'alpine', image)], params, messageId: 'localMissing' },
    { name: 'not pushed', setup: COMMIT_PING, params, messageId: 'notFound' },
  ],
});
