import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import httpGet from '../../checks/http.get';
import type { CheckContext } from '../check/kind';
import { HttpClient } from './http-client';

/** A real HTTP server on loopback that answers with `handler` and counts the requests it saw. */
async function server(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: string[] = [];
  const s = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  return { port, seen, close: () => new Promise<void>((resolve) => s.close(() => resolve())) };
}

const redirect = (location: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(302, { location }).end();
};

describe('HTTP redirects', () => {
  const agent = new Agent();
  const client = new HttpClient(agent, '127.0.0.1');
  let other: Awaited<ReturnType<typeof server>>;
  let site: Awaited<ReturnType<typeof server>>;

  beforeAll(async () => {
    other = await server((_req, res) => res.end('<title>somebody else</title>'));
    site = await server((req, res) => {
      if (req.url === '/away') return redirect(`http://127.0.0.1:${other.port}/secret`)(req, res);
      if (req.url === '/other-scheme') return redirect(`https://127.0.0.1:${site.port}/`)(req, res);
      if (req.url === '/here') return redirect('/page')(req, res);
      if (req.url === '/localhost') return redirect(`http://localhost:${site.port}/page`)(req, res);
      res.end('<title>the page</title>');
    });
  });
  beforeEach(() => {
    other.seen.length = 0;
    site.seen.length = 0;
  });
  afterAll(async () => {
    await Promise.all([other.close(), site.close()]);
    await agent.close();
  });

  test('a redirect to another port is the answer, and never fetched', async () => {
    const res = await client.get(client.urlFor(site.port, '/away'));
    expect(res).toMatchObject({ status: 302, url: client.urlFor(site.port, '/away'), offHostLocation: `http://127.0.0.1:${other.port}/secret` });
    expect(res.chain).toEqual([client.urlFor(site.port, '/away')]);
    expect(other.seen).toEqual([]);
  });

  test('a redirect to another scheme is not followed either', async () => {
    const res = await client.get(client.urlFor(site.port, '/other-scheme'));
    expect(res).toMatchObject({ status: 302, offHostLocation: `https://127.0.0.1:${site.port}/` });
  });

  test('redirects on the same host and port are followed, localhost and 127.0.0.1 being the same host', async () => {
    const here = await client.get(client.urlFor(site.port, '/here'));
    expect(here).toMatchObject({ status: 200, url: client.urlFor(site.port, '/page') });
    expect(here.offHostLocation).toBeUndefined();
    const named = await client.get(client.urlFor(site.port, '/localhost'));
    expect(named).toMatchObject({ status: 200, url: `http://localhost:${site.port}/page` });
    expect(site.seen).toEqual(['/here', '/page', '/localhost', '/page']);
  });

  test('http.get reports the off-host redirect (status and location) as what the server answered', async () => {
    const ctx = { http: client, signal: new AbortController().signal } as unknown as CheckContext;
    const verdict = await httpGet.evaluate({ port: site.port, path: '/away', waitMs: 0 }, ctx);
    expect(verdict).toMatchObject({
      status: 'fail',
      messageId: 'redirectAway',
      data: { actual: 302, location: `http://127.0.0.1:${other.port}/secret`, expected: 200 },
      evidence: { actual: { status: 302, location: `http://127.0.0.1:${other.port}/secret` } },
    });
    expect(other.seen).toEqual([]);
  });
});
