import { spawn, type ChildProcess } from 'node:child_process';
import { createSign, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sh } from './shell';

/**
 * A real OCI distribution registry (Debian's docker-registry, distribution 2.8)
 * on loopback, with token authentication like Docker Hub's: the registry
 * answers 401 with a Bearer challenge, a token server here signs RS256 JWTs
 * (x5c header) that grant pull to anyone on public repositories and push/pull
 * to a user on their own namespace.
 */
export interface TestRegistry {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** e.g. 127.0.0.1:41234, for docker tag/push */
  host: string;
  /** Repositories that anonymous clients may not read. */
  privateRepos: Set<string>;
  /** Every token request seen (for assertions on what the grader asked). */
  tokenRequests: { scope: string[]; user?: string }[];
  /** Forgets every repository (blobs stay: they are content-addressed). */
  reset(): void;
  stop(): Promise<void>;
}

export const TEST_USERS: Record<string, string> = { alice: 'alice-secret', bob: 'bob-secret' };
const SERVICE = 'grade-test-registry';
const ISSUER = 'grade-test-token-server';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function signJwt(claims: object, keyPem: string, certPem: string): string {
  const der = new X509Certificate(certPem).raw.toString('base64');
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der] }));
  const body = b64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(keyPem);
  return `${header}.${body}.${b64url(signature)}`;
}

function userOf(req: http.IncomingMessage): string | undefined | null {
  const auth = req.headers.authorization;
  if (!auth) return undefined;
  const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
    .toString()
    .split(':');
  return user && TEST_USERS[user] === pass ? user : null;
}

async function waitForRegistry(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/v2/`);
      if (res.status === 401 || res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('docker-registry did not answer within 15 s');
}

export async function startTestRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-registry-'));
  await sh(`openssl req -x509 -newkey rsa:2048 -nodes -keyout ${dir}/key.pem -out ${dir}/cert.pem -days 2 -subj /CN=${ISSUER} 2>/dev/null`);
  const keyPem = readFileSync(path.join(dir, 'key.pem'), 'utf8');
  const certPem = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  const privateRepos = new Set<string>();
  const tokenRequests: TestRegistry['tokenRequests'] = [];

  const tokens = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token');
    const user = userOf(req);
    if (user === null) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    const scopes = url.searchParams.getAll('scope');
    tokenRequests.push({ scope: scopes, ...(user ? { user } : {}) });
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      if (type !== 'repository' || !name || !actions) return [];
      const own = user !== undefined && name.startsWith(`${user}/`);
      const granted = actions.split(',').filter((a) => own || (a === 'pull' && !privateRepos.has(name)));
      return [{ type, name, actions: granted }];
    });
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(
      { iss: ISSUER, sub: user ?? '', aud: url.searchParams.get('service') ?? SERVICE, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access },
      keyPem,
      certPem,
    );
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((r) => tokens.listen(0, '127.0.0.1', r));
  const tokenPort = (tokens.address() as net.AddressInfo).port;

  const port = await freePort();
  writeFileSync(
    path.join(dir, 'config.yml'),
    `version: 0.1
log: { level: error }
storage:
  filesystem: { rootdirectory: ${dir}/data }
  delete: { enabled: true }
http:
  addr: 127.0.0.1:${port}
auth:
  token:
    realm: http://127.0.0.1:${tokenPort}/token
    service: ${SERVICE}
    issuer: ${ISSUER}
    rootcertbundle: ${dir}/cert.pem
`,
  );
  const child = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForRegistry(url, child);
  } catch (e) {
    child.kill();
    tokens.close();
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    url,
    host: `127.0.0.1:${port}`,
    privateRepos,
    tokenRequests,
    reset() {
      rmSync(path.join(dir, 'data', 'docker', 'registry', 'v2', 'repositories'), { recursive: true, force: true });
      privateRepos.clear();
      tokenRequests.length = 0;
    },
    async stop() {
      child.kill();
      await new Promise((r) => child.once('exit', r));
      await new Promise((r) => tokens.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
