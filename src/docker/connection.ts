import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { SetupError } from '../errors';

/** How to reach one Docker engine, resolved the way the docker CLI does it. */
export interface EngineConnection {
  /** As shown to people and in reports, e.g. `unix:///var/run/docker.sock`. */
  endpoint: string;
  options: Docker.DockerOptions;
  /** Host name under which ports published by that engine are reached from here. */
  publishedHost: string;
  /**
   * Probes that may run at once on this connection. Each holds two streams for
   * its whole life (its output, its wait), so a connection with few sockets
   * (SSH channels) must not be filled with them. Unbounded by default.
   */
  maxProbes?: number;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * `--host` wins over `DOCKER_HOST`, which wins over the default socket — the
 * docker CLI's order. TLS follows `DOCKER_TLS_VERIFY` / `DOCKER_CERT_PATH`.
 */
export function resolveConnection(hostFlag?: string, env: NodeJS.ProcessEnv = process.env): EngineConnection {
  const raw = hostFlag || env.DOCKER_HOST || `unix://${DEFAULT_SOCKET}`;
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `tcp://${raw}`);
  } catch {
    throw new SetupError(`cannot read the Docker host "${raw}"`, 'use unix:///path/to/docker.sock or tcp://HOST:PORT');
  }
  switch (url.protocol) {
    case 'unix:': {
      const socketPath = url.pathname || DEFAULT_SOCKET;
      return { endpoint: `unix://${socketPath}`, options: { socketPath }, publishedHost: '127.0.0.1' };
    }
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' || Boolean(env.DOCKER_TLS_VERIFY) || url.port === '2376';
      const port = Number(url.port || (tls ? 2376 : 2375));
      const host = url.hostname;
      const options: Docker.DockerOptions = { host, port, protocol: tls ? 'https' : 'http' };
      if (tls) {
        const certDir = env.DOCKER_CERT_PATH || path.join(os.homedir(), '.docker');
        try {
          options.ca = readFileSync(path.join(certDir, 'ca.pem'));
          options.cert = readFileSync(path.join(certDir, 'cert.pem'));
          options.key = readFileSync(path.join(certDir, 'key.pem'));
        } catch {
          throw new SetupError(
            `TLS is on for ${raw} but ca.pem, cert.pem and key.pem are not all in ${certDir}`,
            'set DOCKER_CERT_PATH to the folder holding them, or unset DOCKER_TLS_VERIFY',
          );
        }
      }
      return { endpoint: `tcp://${host}:${port}`, options, publishedHost: host };
    }
    case 'ssh:':
      throw new SetupError(
        `DOCKER_HOST=${raw} is an SSH host, which plain \`grade\` does not open`,
        'run grade on that machine, or grade it with `grade batch` and a hosts file',
      );
    default:
      throw new SetupError(`unsupported Docker host scheme "${url.protocol}" in ${raw}`, 'use unix:// or tcp://');
  }
}
