import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { RegistryClient, RegistryError } from './registry-client';

/**
 * Where credentials go, with real HTTP servers on loopback. A dispatcher that
 * connects every host name to a loopback port lets a server stand for
 * `auth.elsewhere.test` while no byte leaves 127.0.0.0/8.
 */
interface Seen {
  url: string;
  authorization?: string;
}

async function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const s = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    handler(req, res);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { port: (s.address() as AddressInfo).port, seen, close: () => new Promise<void>((resolve) => s.close(() => resolve())) };
}

function routedTo(ports: Record<string, number>): Agent {
  return new Agent({
    connect: (opts, callback) => {
      const port = ports[opts.hostname] ?? (opts.hostname === '127.0.0.1' ? Number(opts.port) : undefined);
      if (!port) return callback(new Error(`no route to ${opts.hostname} in this test`), null);
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => callback(null, socket));
      socket.once('error', (e) => callback(e, null));
    },
  });
}

const credentials = { username: 'alice', password: 'alice-secret' };
const manifest = JSON.stringify({ schemaVersion: 2, config: { mediaType: 'x', digest: 'sha256:c', size: 1 }, layers: [] });

describe('registry credentials and body sizes', () => {
  let realm = '';
  let tokenBody = JSON.stringify({ token: 'tok' });
  let challenge = () => `Bearer realm="${realm}",service="test"`;
  let registry: Awaited<ReturnType<typeof listen>>;
  let tokens: Awaited<ReturnType<typeof listen>>;
  let agent: Agent;

  beforeAll(async () => {
    registry = await listen((req, res) => {
      if (!req.headers.authorization) return res.writeHead(401, { 'www-authenticate': challenge() }).end();
      res.writeHead(200, { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' }).end(manifest);
    });
    tokens = await listen((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(tokenBody));
    agent = routedTo({ 'registry.lan': registry.port, 'auth.elsewhere.test': tokens.port });
  });
  beforeEach(() => {
    registry.seen.length = 0;
    tokens.seen.length = 0;
    tokenBody = JSON.stringify({ token: 'tok' });
    challenge = () => `Bearer realm="${realm}",service="test"`;
  });
  afterAll(async () => {
    await Promise.all([registry.close(), tokens.close()]);
    await agent.close();
  });

  const client = (baseUrl: string) => new RegistryClient({ baseUrl, credentials, dispatcher: agent, timeoutMs: 5_000 });
  const pull = (c: RegistryClient) => c.imageManifest('alice/app', 'latest', { os: 'linux', architecture: 'amd64' });
  const basicSent = () => [...registry.seen, ...tokens.seen].filter((s) => s.authorization?.startsWith('Basic '));

  test("the registry's own loopback token service gets the credentials", async () => {
    realm = `http://127.0.0.1:${tokens.port}/token`;
    await expect(pull(client(`http://127.0.0.1:${registry.port}`))).resolves.toMatchObject({ manifest: { schemaVersion: 2 } });
    expect(tokens.seen).toEqual([expect.objectContaining({ authorization: `Basic ${Buffer.from('alice:alice-secret').toString('base64')}` })]);
    expect(registry.seen.at(-1)?.authorization).toBe('Bearer tok');
  });

  test('a token realm on another host gets no credentials: an error that says why', async () => {
    realm = `http://auth.elsewhere.test:${tokens.port}/token`;
    const e = await pull(client(`http://127.0.0.1:${registry.port}`)).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RegistryError);
    expect(e).toMatchObject({ kind: 'protocol', message: expect.stringMatching(/another host: grade sends no credentials there$/) });
    expect(basicSent()).toEqual([]);
  });

  test('a realm over plain http on a host that is not loopback gets no credentials', async () => {
    // The registry is registry.lan (routed to loopback here): its own host, but plain http.
    realm = `http://registry.lan:${tokens.port}/token`;
    const e = await pull(client(`https://registry.lan:${registry.port}`)).catch((err: unknown) => err);
    expect(e).toMatchObject({ kind: 'protocol', message: expect.stringMatching(/not over https: grade sends no credentials there$/) });
    expect(basicSent()).toEqual([]);
  });

  test('a Basic challenge over plain http off loopback gets no password', async () => {
    challenge = () => 'Basic realm="registry"';
    const e = await pull(client(`http://registry.lan:${registry.port}`)).catch((err: unknown) => err);
    expect(e).toMatchObject({ kind: 'protocol', message: expect.stringMatching(/plain http: grade sends none$/) });
    expect(basicSent()).toEqual([]);
  });

  test('a huge token answer is an error, not held in memory', async () => {
    realm = `http://127.0.0.1:${tokens.port}/token`;
    tokenBody = JSON.stringify({ token: 'x'.repeat(8 * 1024 * 1024) });
    const e = await pull(new RegistryClient({ baseUrl: `http://127.0.0.1:${registry.port}`, dispatcher: agent })).catch((err: unknown) => err);
    expect(e).toMatchObject({ kind: 'protocol', message: "the token service's answer is larger than 1 MiB" });
  });
});
