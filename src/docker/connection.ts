import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { SetupError } from '../errors/setup-error';
import { message, type Lang } from '../messages/catalog';
import { currentContextName, dockerConfigDir, readDockerContext, type DockerContext } from './docker-context';

/** How to reach one Docker engine, resolved the way the docker CLI does it. */
export interface EngineConnection {
  /** As shown to people and in reports, e.g. `unix:///var/run/docker.sock`. */
  endpoint: string;
  /** Where the choice came from, in words: `from DOCKER_HOST`, `context "lab", from DOCKER_CONTEXT`… */
  source?: string;
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

/** The engine address before it is parsed, and why it was chosen. */
interface EngineChoice {
  raw: string;
  source: string;
  context?: DockerContext;
}

/**
 * The docker CLI's order: `--host`, then `DOCKER_HOST`, then the context named
 * by `DOCKER_CONTEXT`, then the CLI config's `currentContext` (the context
 * `default` means "no context"), then the rootless daemon's socket in
 * `$XDG_RUNTIME_DIR` when it exists, then /var/run/docker.sock.
 */
function chooseEngine(hostFlag: string | undefined, env: NodeJS.ProcessEnv, lang: Lang, home: string): EngineChoice {
  if (hostFlag) return { raw: hostFlag, source: message(lang, 'engine.fromFlag') };
  if (env.DOCKER_HOST) return { raw: env.DOCKER_HOST, source: message(lang, 'engine.fromDockerHost') };
  const configDir = dockerConfigDir(env, home);
  // The context's name, and what named it: DOCKER_CONTEXT or the CLI config's currentContext.
  const configFile = path.join(configDir, 'config.json');
  const named = env.DOCKER_CONTEXT ? { name: env.DOCKER_CONTEXT, origin: 'DOCKER_CONTEXT' } : currentContextName(configDir, lang);
  const name = typeof named === 'string' ? named : named?.name;
  if (name !== undefined && name !== 'default') {
    const origin = typeof named === 'string' ? configFile : 'DOCKER_CONTEXT';
    const context = readDockerContext(configDir, name, origin, lang);
    const source =
      origin === 'DOCKER_CONTEXT' ? message(lang, 'engine.fromDockerContext', { name }) : message(lang, 'engine.fromConfig', { name, file: configFile });
    return { raw: context.host, source, context };
  }
  const rootless = env.XDG_RUNTIME_DIR && path.isAbsolute(env.XDG_RUNTIME_DIR) ? path.join(env.XDG_RUNTIME_DIR, 'docker.sock') : undefined;
  if (rootless && existsSync(rootless)) return { raw: `unix://${rootless}`, source: message(lang, 'engine.fromRootless') };
  return { raw: `unix://${DEFAULT_SOCKET}`, source: message(lang, 'engine.fromDefault') };
}

/**
 * Resolves the engine `grade` grades, as the docker CLI would (see chooseEngine).
 * TLS: a context's own ca/cert/key; for `-H`/`DOCKER_HOST`, `DOCKER_TLS_VERIFY` / `DOCKER_CERT_PATH`.
 */
export function resolveConnection(
  hostFlag?: string,
  env: NodeJS.ProcessEnv = process.env,
  lang: Lang = 'en',
  home: string = env.HOME || os.homedir(),
): EngineConnection {
  const { raw, source, context } = chooseEngine(hostFlag, env, lang, home);
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `tcp://${raw}`);
  } catch {
    throw new SetupError(message(lang, 'engine.unreadableHost', { raw, source }), message(lang, 'engine.hostFormatAdvice'));
  }
  switch (url.protocol) {
    case 'unix:': {
      const socketPath = url.pathname || DEFAULT_SOCKET;
      return { endpoint: `unix://${socketPath}`, source, options: { socketPath }, publishedHost: '127.0.0.1' };
    }
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = context
        ? Boolean(context.tls) || context.skipTlsVerify || url.protocol === 'https:'
        : url.protocol === 'https:' || Boolean(env.DOCKER_TLS_VERIFY) || url.port === '2376';
      const port = Number(url.port || (tls ? 2376 : 2375));
      // URL keeps the brackets of an IPv6 literal; sockets want the bare address.
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const options: Docker.DockerOptions = { host, port, protocol: tls ? 'https' : 'http' };
      if (context?.tls) Object.assign(options, context.tls);
      else if (tls && !context) Object.assign(options, tlsFromCertPath(raw, env, home, lang));
      // The docker CLI's SkipTLSVerify: encrypted, but the engine's certificate is not checked.
      // docker-modem passes no rejectUnauthorized of its own to the request: an agent carries it.
      if (context?.skipTlsVerify)
        (options as { agent?: unknown }).agent = new (require('node:https') as typeof import('node:https')).Agent({ rejectUnauthorized: false });
      return { endpoint: `tcp://${url.hostname}:${port}`, source, options, publishedHost: host };
    }
    case 'ssh:':
      throw new SetupError(message(lang, 'engine.sshHost', { raw, source }), message(lang, 'engine.sshHostAdvice'));
    default:
      throw new SetupError(message(lang, 'engine.unsupportedScheme', { scheme: url.protocol, raw, source }), message(lang, 'engine.hostFormatAdvice'));
  }
}

/** `DOCKER_CERT_PATH` (else ~/.docker) holding ca.pem, cert.pem and key.pem, as the docker CLI expects with DOCKER_TLS_VERIFY. */
function tlsFromCertPath(raw: string, env: NodeJS.ProcessEnv, home: string, lang: Lang): Pick<Docker.DockerOptions, 'ca' | 'cert' | 'key'> {
  const certDir = env.DOCKER_CERT_PATH || path.join(home, '.docker');
  try {
    return {
      ca: readFileSync(path.join(certDir, 'ca.pem')),
      cert: readFileSync(path.join(certDir, 'cert.pem')),
      key: readFileSync(path.join(certDir, 'key.pem')),
    };
  } catch {
    throw new SetupError(message(lang, 'engine.certPathIncomplete', { raw, dir: certDir }), message(lang, 'engine.certPathAdvice'));
  }
}

/** One line for `grade --help`: the engine grade would use and why, or why it cannot tell. */
export function describeEngine(hostFlag: string | undefined, env: NodeJS.ProcessEnv, lang: Lang): string {
  try {
    const c = resolveConnection(hostFlag, env, lang);
    return message(lang, 'engine.helpLine', { endpoint: c.endpoint, source: c.source });
  } catch (e) {
    return message(lang, 'engine.helpProblem', { problem: e instanceof SetupError ? e.line(lang) : String(e) });
  }
}
