import { testCheckKind } from '../test/support/check-tester';
import { COMMIT_PING, pushAs, startRateLimitedRegistry, useTestRegistry } from '../test/support/registry-fixture';
import { freePort } from '../test/support/registry-server';
import kind from './registry.tag';

const { registry } = useTestRegistry();
const image = 'alice/olss_2021:ubuntu_with_ping_1.0';
let limited: Awaited<ReturnType<typeof startRateLimitedRegistry>>;
let closedPort = 0;
beforeAll(async () => {
  limited = await startRateLimitedRegistry();
  closedPort = await freePort();
});
afterAll(() => limited.stop());

testCheckKind(kind, {
  registry: () => ({ dockerHubUrl: registry().url }),
  valid: [
    { name: 'pushed as on the slide', setup: [...COMMIT_PING, pushAs(registry, 'ubuntu_with_ping', image)], params: { image }, messageId: 'ok' },
    { name: 'any image under that tag', setup: [pushAs(registry, 'alpine', image)], params: { image } },
  ],
  invalid: [
    // Docker Hub answers 401 here (denied); a plain distribution registry answers 404.
    { name: 'not pushed: the repository does not exist', params: { image }, messageId: 'notFound', data: { reason: 'HTTP 404' } },
    {
      name: 'pushed under another tag',
      setup: [...COMMIT_PING, pushAs(registry, 'ubuntu_with_ping', 'alice/olss_2021:latest')],
      params: { image },
      messageId: 'notFound',
      data: { reason: 'HTTP 404' },
    },
    {
      name: 'a private repository, read anonymously',
      setup: [pushAs(registry, 'alpine', image), () => (registry().privateRepos.add('alice/olss_2021'), 'true')],
      params: { image },
      messageId: 'denied',
    },
    {
      name: 'wrong case in the name',
      params: { image: 'Alice/OLSS_2021:ubuntu_with_ping_1.0' },
      messageId: 'invalidName',
      data: { reason: 'repository names are lowercase only' },
    },
    {
      name: 'the registry is down',
      params: { image },
      registry: () => ({ dockerHubUrl: `http://127.0.0.1:${closedPort}` }),
      status: 'error',
      messageId: 'unavailable',
    },
    {
      name: 'the registry answers 429: an error naming the wait',
      params: { image },
      registry: () => ({ dockerHubUrl: limited.url }),
      status: 'error',
      messageId: 'rateLimited',
      data: { wait: 'in 60 min' },
    },
  ],
});
