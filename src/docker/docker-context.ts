import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SetupError } from '../errors/setup-error';
import { message, type Lang } from '../messages/catalog';

/**
 * The docker CLI's own configuration, read as the CLI reads it: the folder is
 * `$DOCKER_CONFIG`, else `~/.docker`; `config.json` names the current context;
 * a context lives in `contexts/meta/<sha256 of its name>/meta.json` (its
 * endpoint) and `contexts/tls/<same>/docker/` (its TLS files).
 */
export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG || path.join(home, '.docker');
}

/** `currentContext` of config.json, or nothing when there is no file or no such key. */
export function currentContextName(configDir: string, lang: Lang): string | undefined {
  const file = path.join(configDir, 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No config file is the common case: the docker CLI was never logged in nor switched context.
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SetupError(message(lang, 'engine.configNotJson', { file }), message(lang, 'engine.configNotJsonAdvice'));
  }
  const name = (data as { currentContext?: unknown } | null)?.currentContext;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

export interface DockerContext {
  name: string;
  /** The `docker` endpoint's Host, e.g. `unix:///run/user/1000/docker.sock` or `tcp://10.0.0.5:2376`. */
  host: string;
  skipTlsVerify: boolean;
  /** ca.pem, cert.pem, key.pem of the context when it has them (TLS is on when it has any). */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
}

/** The context's folder name: the docker CLI keys contexts by the SHA-256 of their name. */
export const contextKey = (name: string) => createHash('sha256').update(name).digest('hex');

/** Reads a named context; `origin` (DOCKER_CONTEXT, or the config file) says what named it, for the one-line error. */
export function readDockerContext(configDir: string, name: string, origin: string, lang: Lang): DockerContext {
  const key = contextKey(name);
  const metaFile = path.join(configDir, 'contexts', 'meta', key, 'meta.json');
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as typeof meta;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new SetupError(
        message(lang, 'engine.contextMissing', { name, origin, dir: path.join(configDir, 'contexts') }),
        message(lang, 'engine.contextMissingAdvice'),
      );
    throw new SetupError(message(lang, 'engine.contextUnreadable', { name, file: metaFile }), message(lang, 'engine.contextMissingAdvice'));
  }
  const endpoint = meta?.Endpoints?.docker;
  if (typeof endpoint?.Host !== 'string' || endpoint.Host === '')
    throw new SetupError(message(lang, 'engine.contextNoHost', { name, file: metaFile }), message(lang, 'engine.contextMissingAdvice'));
  const tlsDir = path.join(configDir, 'contexts', 'tls', key, 'docker');
  const tls: NonNullable<DockerContext['tls']> = {};
  for (const part of ['ca', 'cert', 'key'] as const) {
    const file = path.join(tlsDir, `${part}.pem`);
    if (!existsSync(file)) continue;
    try {
      tls[part] = readFileSync(file);
    } catch (e) {
      throw new SetupError(
        message(lang, 'engine.tlsUnreadable', { file, code: (e as NodeJS.ErrnoException).code ?? 'error' }),
        message(lang, 'engine.tlsAdvice', { name }),
      );
    }
  }
  // A client certificate is useless without its key, and the other way round.
  if (Boolean(tls.cert) !== Boolean(tls.key))
    throw new SetupError(
      message(lang, 'engine.tlsIncomplete', { name, dir: tlsDir, has: tls.cert ? 'cert.pem' : 'key.pem', lacks: tls.cert ? 'key.pem' : 'cert.pem' }),
      message(lang, 'engine.tlsAdvice', { name }),
    );
  return {
    name,
    host: endpoint.Host,
    skipTlsVerify: endpoint.SkipTLSVerify === true,
    ...(Object.keys(tls).length ? { tls } : {}),
  };
}
