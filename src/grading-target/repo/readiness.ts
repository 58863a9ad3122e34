import { undiciRequest } from '../../http/undici-request';
import type { DockerEngine } from '../../docker/engine';
import { eitherOf, phrase, type MessageValue, type Phrase } from '../../messages/phrase';
import { startDeadline } from '../../time/deadline';
import { pause } from '../../time/pause';

/** What became of one container while waiting for it. */
export interface Readiness {
  containerId: string;
  ready: boolean;
  /** Why it is not ready, in words that name the port or the health check (a phrase: shown in the run's language). */
  reason?: MessageValue;
}

const POLL_MS = 500;

/** `80/tcp` → 80, for TCP ports only. */
const tcpPort = (key: string) => (/^(\d+)\/tcp$/.exec(key) ? Number(key.split('/')[0]) : undefined);

/** Ports in LISTEN state in /proc/net/tcp and tcp6 text ("  0: 00000000:0CEA 00000000:0000 0A …"). */
export function listeningPorts(procNetTcp: string): Set<number> {
  const ports = new Set<number>();
  for (const m of procNetTcp.matchAll(/^\s*\d+:\s+[0-9A-F]+:([0-9A-F]{4})\s+[0-9A-F]+:[0-9A-F]{4}\s+0A\b/gim)) ports.add(parseInt(m[1]!, 16));
  return ports;
}

/**
 * One try of an HTTP GET on a published port: the app answers (a status
 * below 500, or bytes that are not HTTP: a database is up) or it is not ready
 * yet (refused, closed by the port proxy with nothing behind it, or a 5xx
 * while a database initialises behind it).
 */
async function appAnswers(host: string, port: number, signal?: AbortSignal): Promise<{ ready: true } | { ready: false; seen: Phrase }> {
  const limit = startDeadline('readiness request', 4_000, signal);
  try {
    const res = await undiciRequest(`http://${host}:${port}/`, {
      method: 'GET',
      headersTimeout: 3_000,
      bodyTimeout: 3_000,
      signal: limit.signal,
    });
    const body = (await res.body.text())
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120);
    if (res.statusCode < 500) return { ready: true };
    return {
      ready: false,
      seen: body ? phrase('part.ready.answeredBody', { status: res.statusCode, body }) : phrase('part.ready.answered', { status: res.statusCode }),
    };
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (/^HPE_/.test(code)) return { ready: true };
    return {
      ready: false,
      seen: code === 'ECONNREFUSED' ? phrase('part.ready.refused') : phrase('part.ready.noAnswer', { code: code || (e as Error).message }),
    };
  } finally {
    limit.dispose();
  }
}

/**
 * Waits, as a person would judge it, until a container grade repo started is
 * ready: a health check, where the image or compose file has one, must pass;
 * otherwise it must listen on one of its ports inside the container, then each
 * published port must answer like a working app (WordPress answers 500 until
 * its database has initialised, which takes a real MySQL 10-20 s). Never
 * throws: a container that is not ready by the time limit is reported with
 * what was last seen, and graded as it is.
 */
export async function waitReady(engine: DockerEngine, id: string, host: string, timeoutMs: number, signal?: AbortSignal): Promise<Readiness> {
  const deadline = Date.now() + timeoutMs;
  const seconds = `${Math.round(timeoutMs / 1000)} s`;
  const notReady = (reason: Phrase): Readiness => ({ containerId: id, ready: false, reason });
  const overtime = () => Date.now() + POLL_MS > deadline || Boolean(signal?.aborted);
  for (;;) {
    const c = await engine.inspectContainer(id, signal).catch(() => undefined);
    if (!c) return notReady(phrase('part.ready.removed'));
    if (!c.State.Running) return notReady(phrase('part.ready.exited', { state: c.State.Status, code: c.State.ExitCode }));
    const test = c.Config.Healthcheck?.Test;
    if (test && test[0] !== 'NONE') {
      const health = c.State.Health;
      if (health?.Status === 'healthy') return { containerId: id, ready: true };
      if (health?.Status === 'unhealthy' || overtime()) {
        const last = health?.Log?.at(-1)?.Output?.trim().split('\n').pop();
        const output = last ? ` (${last.slice(0, 160)})` : '';
        return notReady(
          health?.Status === 'unhealthy' ? phrase('part.ready.healthFailed', { last: output }) : phrase('part.ready.healthTimeout', { seconds, last: output }),
        );
      }
      await pause(POLL_MS, signal);
      continue;
    }
    const published: { container: number; host: number }[] = [];
    for (const [key, binds] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
      const port = tcpPort(key);
      const hostPort = binds?.find((b) => b.HostPort)?.HostPort;
      if (port !== undefined && hostPort) published.push({ container: port, host: Number(hostPort) });
    }
    const wanted = [...new Set([...Object.keys(c.Config.ExposedPorts ?? {}).map(tcpPort), ...published.map((p) => p.container)])].filter(
      (p): p is number => p !== undefined,
    );
    // Any one of them: an image may EXPOSE ports it does not always open (mysql:5.7 exposes 33060, its X plugin is off).
    if (wanted.length) {
      const inside = await engine.execCapture(id, ['cat', '/proc/net/tcp', '/proc/net/tcp6'], signal);
      // No cat in the image: the published ports below are the only test.
      if (inside && inside.exitCode === 0 && !wanted.some((p) => listeningPorts(inside.output).has(p))) {
        if (overtime()) return notReady(phrase('part.ready.notListening', { ports: eitherOf(wanted.map(String)), seconds }));
        await pause(POLL_MS, signal);
        continue;
      }
    }
    for (const p of published) {
      let last = await appAnswers(host, p.host, signal);
      while (!last.ready) {
        if (overtime()) return notReady(phrase('part.ready.portNotAnswering', { port: p.host, seen: last.seen, seconds }));
        await pause(POLL_MS, signal);
        last = await appAnswers(host, p.host, signal);
      }
    }
    return { containerId: id, ready: true };
  }
}
