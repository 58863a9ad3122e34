import { testCheckKind } from '../test/support/check-tester';
import { pushAs, useTestRegistry } from '../test/support/registry-fixture';
import { TEST_USERS } from '../test/support/registry-server';
import kind from './registry.public';

const { registry } = useTestRegistry();
const image = 'alice/olss_2021:ubuntu_with_ping_1.0';
const makePrivate = () => (registry().privateRepos.add('alice/olss_2021'), 'true');

testCheckKind(kind, {
  registry: () => ({ dockerHubUrl: registry().url }),
  valid: [
    { name: 'a public repository', setup: [pushAs(registry, 'alpine', image)], params: { image }, messageId: 'ok' },
    // Credentials the grader has do not count: the question is what anyone can read.
    {
      name: 'public, graded with credentials at hand',
      setup: [pushAs(registry, 'alpine', image)],
      params: { image },
      registry: () => ({ dockerHubUrl: registry().url, credentials: { username: 'alice', password: TEST_USERS.alice! } }),
    },
  ],
  invalid: [
    { name: 'a private repository', setup: [pushAs(registry, 'alpine', image), makePrivate], params: { image }, messageId: 'denied' },
    {
      name: 'private, even when the grader could read it with credentials',
      setup: [pushAs(registry, 'alpine', image), makePrivate],
      params: { image },
      registry: () => ({ dockerHubUrl: registry().url, credentials: { username: 'alice', password: TEST_USERS.alice! } }),
      messageId: 'denied',
    },
    { name: 'not pushed', params: { image }, messageId: 'notFound' },
  ],
});
