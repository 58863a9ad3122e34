import { InvalidReferenceError, normalizeImageRef, parseReference, sameImageRef } from './image-reference';

describe('image references: one grammar for the engine and the registry', () => {
  test.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['library/nginx', 'docker.io/library/nginx:latest'],
    ['zoe/olss_2021:ubuntu_with_ping_1.0', 'docker.io/zoe/olss_2021:ubuntu_with_ping_1.0'],
    ['127.0.0.1:5000/zoe/app', '127.0.0.1:5000/zoe/app:latest'],
    ['localhost/app:v1', 'localhost/app:v1'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
    ['nginx:1.25@sha256:abc', 'docker.io/library/nginx:1.25@sha256:abc'],
  ])('the engine spells %s as %s', (typed, normal) => {
    expect(normalizeImageRef(typed)).toBe(normal);
  });

  test('the forms of one image are the same image; another tag is not', () => {
    expect(sameImageRef('ubuntu', 'docker.io/library/ubuntu:latest')).toBe(true);
    expect(sameImageRef('ubuntu', 'ubuntu:22.04')).toBe(false);
  });

  test('a registry is asked by repository and tag or digest', () => {
    expect(parseReference('nginx')).toEqual({ registry: 'docker.io', repository: 'library/nginx', reference: 'latest' });
    expect(parseReference('zoe/olss_2021:ubuntu_with_ping_1.0')).toEqual({
      registry: 'docker.io',
      repository: 'zoe/olss_2021',
      reference: 'ubuntu_with_ping_1.0',
    });
    expect(parseReference('127.0.0.1:5000/a/b@sha256:00')).toEqual({ registry: '127.0.0.1:5000', repository: 'a/b', reference: 'sha256:00' });
  });

  test('what a registry would refuse is said, with the reason', () => {
    expect(() => parseReference('Zoe/app')).toThrow(new InvalidReferenceError('Zoe/app', 'repository names are lowercase only'));
    expect(() => parseReference('zoe/-app')).toThrow(/not a valid repository name/);
    expect(() => parseReference('zoe/app:-x')).toThrow(/"-x" is not a valid tag/);
  });
});
