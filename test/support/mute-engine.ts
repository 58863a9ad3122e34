import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A Docker engine on a unix socket that answers the connection handshake
 * (_ping, version, info) and then nothing: every other request waits forever.
 * `requests`: the paths asked, in order (without the API version and query).
 */
export async function startMuteEngine(): Promise<{ socket: string; requests: string[]; stop: () => Promise<void> }> {
  const socket = path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-mute-engine-')), 'docker.sock');
  const sockets = new Set<net.Socket>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const what = (req.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0]!;
    requests.push(what);
    if (what === '/_ping') res.writeHead(200, { 'content-type': 'text/plain', 'api-version': '1.43' }).end('OK');
    else if (what === '/version')
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Version: '24.0.0', ApiVersion: '1.43', Os: 'linux', Arch: 'amd64' }));
    else if (what === '/info')
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ OSType: 'linux', Architecture: 'x86_64', SystemTime: new Date().toISOString() }));
    // anything else: no answer
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(socket, r));
  return {
    socket,
    requests,
    stop: () =>
      new Promise((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
}
