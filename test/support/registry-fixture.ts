import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sh } from './shell';
import { startTestRegistry, TEST_USERS, type TestRegistry } from './registry-server';

/**
 * A test registry for one test file: started before its tests, emptied after
 * each, stopped at the end. The docker CLI logs in as alice with its own
 * DOCKER_CONFIG, so the tester's own docker login is never touched.
 */
export function useTestRegistry(): { registry: () => TestRegistry } {
  let registry: TestRegistry | undefined;
  let dockerConfig = '';
  const previous = process.env.DOCKER_CONFIG;
  beforeAll(async () => {
    registry = await startTestRegistry();
    dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'grade-docker-config-'));
    process.env.DOCKER_CONFIG = dockerConfig;
    await sh(`echo ${TEST_USERS.alice} | docker login ${registry.host} -u alice --password-stdin`);
  });
  afterEach(() => registry?.reset());
  afterAll(async () => {
    if (previous === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = previous;
    rmSync(dockerConfig, { recursive: true, force: true });
    await registry?.stop();
  });
  return {
    registry: () => {
      if (!registry) throw new Error('the test registry is not started');
      return registry;
    },
  };
}

/** The slide's push: tag a local image under the registry's name for REPO:TAG, then push it. */
export const pushAs = (registry: () => TestRegistry, local: string, repoTag: string) => () =>
  `docker tag ${local} ${registry().host}/${repoTag} && docker push ${registry().host}/${repoTag} >/dev/null`;

/** The slides' ubuntu_with_ping, committed locally. */
export const COMMIT_PING = ['docker run --name src ubuntu /bin/bash -c "apt update; apt -y install iputils-ping"', 'docker commit src ubuntu_with_ping'];

/** A server that answers every registry request with 429 and Docker Hub's rate-limit headers. */
export async function startRateLimitedRegistry(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(429, {
      'content-type': 'application/json',
      'ratelimit-limit': '100;w=21600',
      'ratelimit-remaining': '0;w=21600',
      'retry-after': '3600',
    });
    res.end('{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, stop: () => new Promise((r) => server.close(() => r())) };
}
