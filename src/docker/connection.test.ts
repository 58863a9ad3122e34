import { setupErrorOf } from '../../test/support/setup-error';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describeEngine, resolveConnection } from './connection';
import { contextKey } from './docker-context';

/** A docker CLI config folder of our own: config.json and contexts, as `docker context create` writes them. */
function dockerConfig(opts: { current?: string; contexts?: Record<string, { host: string; skipTlsVerify?: boolean; tls?: Record<string, string> }> } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-docker-config-'));
  if (opts.current !== undefined) writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: {}, currentContext: opts.current }));
  for (const [name, c] of Object.entries(opts.contexts ?? {})) {
    const meta = path.join(dir, 'contexts', 'meta', contextKey(name));
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      path.join(meta, 'meta.json'),
      JSON.stringify({ Name: name, Metadata: { Description: '' }, Endpoints: { docker: { Host: c.host, SkipTLSVerify: Boolean(c.skipTlsVerify) } } }),
    );
    if (c.tls) {
      const tls = path.join(dir, 'contexts', 'tls', contextKey(name), 'docker');
      mkdirSync(tls, { recursive: true });
      for (const [file, text] of Object.entries(c.tls)) writeFileSync(path.join(tls, file), text);
    }
  }
  return dir;
}

const noHome = '/nonexistent/home';
const lineOf = (f: () => unknown) => setupErrorOf(f).line();

describe('which engine grade uses: -H, DOCKER_HOST, DOCKER_CONTEXT, currentContext, rootless socket, default socket', () => {
  const config = dockerConfig({
    current: 'from-config',
    contexts: {
      'from-config': { host: 'unix:///run/config-context.sock' },
      'from-env': { host: 'tcp://10.1.2.3:2375' },
    },
  });

  test('-H wins over everything', () => {
    const c = resolveConnection('unix:///flag.sock', { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'from-env', DOCKER_CONFIG: config }, 'en', noHome);
    expect([c.endpoint, c.source]).toEqual(['unix:///flag.sock', 'from -H/--host']);
  });

  test('DOCKER_HOST wins over the contexts', () => {
    const c = resolveConnection(undefined, { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'from-env', DOCKER_CONFIG: config }, 'en', noHome);
    expect([c.endpoint, c.source]).toEqual(['unix:///env.sock', 'from DOCKER_HOST']);
  });

  test('DOCKER_CONTEXT wins over the config’s currentContext; its tcp endpoint is parsed to host and port', () => {
    const c = resolveConnection(undefined, { DOCKER_CONTEXT: 'from-env', DOCKER_CONFIG: config }, 'en', noHome);
    expect([c.endpoint, c.source, c.options, c.publishedHost]).toEqual([
      'tcp://10.1.2.3:2375',
      'Docker context "from-env", from DOCKER_CONTEXT',
      { host: '10.1.2.3', port: 2375, protocol: 'http' },
      '10.1.2.3',
    ]);
  });

  test('the config’s currentContext, found through $DOCKER_CONFIG', () => {
    const c = resolveConnection(undefined, { DOCKER_CONFIG: config, XDG_RUNTIME_DIR: config }, 'en', noHome);
    expect([c.endpoint, c.source]).toEqual(['unix:///run/config-context.sock', `Docker context "from-config", from ${config}/config.json`]);
  });

  test('~/.docker when DOCKER_CONFIG is not set', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'grade-home-'));
    const dotDocker = dockerConfig({ current: 'mine', contexts: { mine: { host: 'unix:///home-context.sock' } } });
    require('node:fs').renameSync(dotDocker, path.join(home, '.docker'));
    expect(resolveConnection(undefined, {}, 'en', home).endpoint).toBe('unix:///home-context.sock');
  });

  test('the context "default" means no context: the rootless socket when it exists, else /var/run/docker.sock', async () => {
    const runtime = mkdtempSync(path.join(os.tmpdir(), 'grade-runtime-'));
    const env = { DOCKER_CONTEXT: 'default', DOCKER_CONFIG: config, XDG_RUNTIME_DIR: runtime };
    expect(resolveConnection(undefined, env, 'en', noHome)).toMatchObject({ endpoint: 'unix:///var/run/docker.sock', source: 'the default socket' });
    const server = net.createServer().listen(path.join(runtime, 'docker.sock'));
    await new Promise((r) => server.once('listening', r));
    try {
      expect(resolveConnection(undefined, env, 'en', noHome)).toMatchObject({
        endpoint: `unix://${runtime}/docker.sock`,
        source: 'the rootless Docker socket in XDG_RUNTIME_DIR',
      });
    } finally {
      server.close();
    }
  });

  test('a context with TLS files: https with its ca, cert and key; SkipTLSVerify turns the check off', () => {
    const tlsConfig = dockerConfig({
      contexts: {
        remote: { host: 'tcp://lab.example:2376', tls: { 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' } },
        loose: { host: 'tcp://lab.example:2376', skipTlsVerify: true },
      },
    });
    const c = resolveConnection(undefined, { DOCKER_CONTEXT: 'remote', DOCKER_CONFIG: tlsConfig }, 'en', noHome);
    expect(c.endpoint).toBe('tcp://lab.example:2376');
    expect(c.options).toMatchObject({ protocol: 'https', host: 'lab.example', port: 2376 });
    expect([String(c.options.ca), String(c.options.cert), String(c.options.key)]).toEqual(['CA', 'CERT', 'KEY']);
    const loose = resolveConnection(undefined, { DOCKER_CONTEXT: 'loose', DOCKER_CONFIG: tlsConfig }, 'en', noHome).options;
    expect(loose.protocol).toBe('https');
    expect((loose as { agent?: import('node:https').Agent }).agent?.options.rejectUnauthorized).toBe(false);
  });

  test('an ssh:// context endpoint is read as SSH and refused in one line that names the context', () => {
    const sshConfig = dockerConfig({ contexts: { vm: { host: 'ssh://student@10.0.0.7:2222' } } });
    expect(lineOf(() => resolveConnection(undefined, { DOCKER_CONTEXT: 'vm', DOCKER_CONFIG: sshConfig }, 'en', noHome))).toBe(
      'the Docker engine ssh://student@10.0.0.7:2222 (Docker context "vm", from DOCKER_CONTEXT) is reached over SSH, which plain grade does not open — run grade on that machine, or grade it with grade batch and a hosts file',
    );
  });

  test('a context named but missing, a half of the TLS pair, a damaged config.json: one line each, in Italian too', () => {
    expect(lineOf(() => resolveConnection(undefined, { DOCKER_CONTEXT: 'nope', DOCKER_CONFIG: config }, 'en', noHome))).toBe(
      `the Docker context "nope" named by DOCKER_CONTEXT is not in ${config}/contexts — see docker context ls, then docker context use NAME (or unset DOCKER_CONTEXT)`,
    );
    const dangling = dockerConfig({ current: 'removed' });
    expect(lineOf(() => resolveConnection(undefined, { DOCKER_CONFIG: dangling }, 'it', noHome))).toBe(
      `il contesto Docker "removed" indicato da ${dangling}/config.json non è in ${dangling}/contexts — guarda docker context ls, poi docker context use NOME (oppure togli DOCKER_CONTEXT)`,
    );
    const half = dockerConfig({ current: 'half', contexts: { half: { host: 'tcp://lab.example:2376', tls: { 'ca.pem': 'CA', 'cert.pem': 'CERT' } } } });
    const tlsDir = path.join(half, 'contexts', 'tls', contextKey('half'), 'docker');
    expect(lineOf(() => resolveConnection(undefined, { DOCKER_CONFIG: half }, 'en', noHome))).toMatch(
      new RegExp(`^Docker context "half" has cert\\.pem but not key\\.pem in ${tlsDir} — create the context again with docker context create half`),
    );
    expect(lineOf(() => resolveConnection(undefined, { DOCKER_CONFIG: half }, 'it', noHome))).toMatch(
      /^il contesto Docker "half" ha cert\.pem ma non key\.pem in /,
    );
    const broken = mkdtempSync(path.join(os.tmpdir(), 'grade-docker-config-'));
    writeFileSync(path.join(broken, 'config.json'), '{ not json');
    expect(lineOf(() => resolveConnection(undefined, { DOCKER_CONFIG: broken }, 'en', noHome))).toBe(
      `${broken}/config.json is not valid JSON — fix it, or set DOCKER_HOST or DOCKER_CONTEXT to choose the engine`,
    );
  });

  test('grade --help’s engine line says the engine and why, or why it cannot tell', () => {
    expect(describeEngine(undefined, { DOCKER_CONTEXT: 'from-env', DOCKER_CONFIG: config }, 'en')).toBe(
      'Docker engine: tcp://10.1.2.3:2375 (Docker context "from-env", from DOCKER_CONTEXT).',
    );
    expect(describeEngine(undefined, { DOCKER_HOST: 'unix:///x.sock' }, 'it')).toBe('Motore Docker: unix:///x.sock (da DOCKER_HOST).');
    expect(describeEngine(undefined, { DOCKER_CONTEXT: 'nope', DOCKER_CONFIG: config }, 'en')).toMatch(
      /^Docker engine: cannot tell — the Docker context "nope" named by DOCKER_CONTEXT is not in/,
    );
  });
});
