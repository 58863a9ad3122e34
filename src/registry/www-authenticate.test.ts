import { parseChallenge } from './www-authenticate';
import { parseReference } from '../docker/image-reference';

test('a Docker Hub challenge, with a comma inside the scope', () => {
  expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:alice/olss_2021:pull,push"')).toEqual({
    scheme: 'bearer',
    params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:alice/olss_2021:pull,push' },
  });
  expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
});

test('references as registries address them', () => {
  expect(parseReference('alice/olss_2021:ubuntu_with_ping_1.0')).toEqual({
    registry: 'docker.io',
    repository: 'alice/olss_2021',
    reference: 'ubuntu_with_ping_1.0',
  });
  expect(parseReference('ubuntu')).toEqual({ registry: 'docker.io', repository: 'library/ubuntu', reference: 'latest' });
  expect(parseReference('127.0.0.1:5000/alice/x@sha256:abc')).toEqual({ registry: '127.0.0.1:5000', repository: 'alice/x', reference: 'sha256:abc' });
  expect(() => parseReference('Alice/OLSS_2021:v1')).toThrow('repository names are lowercase only');
  expect(() => parseReference('alice/olss 2021')).toThrow('not a valid repository name');
});
