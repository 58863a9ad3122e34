import createDebug from 'debug';
import { pause } from '../time/pause';
import type { Dispatcher } from 'undici';
import { undiciRequest } from './undici-request';

const debug = createDebug('grade:http');

export interface HttpGetOptions {
  followRedirects?: boolean;
  maxRedirects?: number;
  /** Per request: time to get headers, and to read the body. */
  timeoutMs?: number;
  /** How long to keep retrying while nothing listens yet (a container just started). */
  waitMs?: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  /** The URL that gave this response, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyTruncated: boolean;
  /** Every URL requested, in order. */
  chain: string[];
  /**
   * A redirect to another host or port (or scheme), not followed: the student's
   * server must not make the grader (or, over SSH, the student's VM) fetch
   * something else. This response is then the answer.
   */
  offHostLocation?: string;
}

/** Nothing answered (refused, reset, timeout): the student's server is not there. */
export class HttpUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'HttpUnreachableError';
  }
}

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EHOSTUNREACH']);

function reasonOf(err: unknown): { code: string; text: string } {
  const e = err as { code?: string; cause?: { code?: string; message?: string }; message?: string; name?: string };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'ERROR';
  const text =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT'
        ? 'no answer in time'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'connection reset'
          : (e.cause?.message ?? e.message ?? String(err));
  return { code, text };
}

/** The absolute URL a `Location` header names, or undefined when it is not a URL at all. */
function resolveLocation(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Same scheme and port, and the same host — `localhost` and `127.0.0.1` being one (a site configured as either). */
function sameServer(a: URL, b: URL): boolean {
  if (a.protocol !== b.protocol || a.port !== b.port) return false;
  return a.hostname === b.hostname || (LOOPBACK_NAMES.has(a.hostname) && LOOPBACK_NAMES.has(b.hostname));
}

/**
 * HTTP as the student's host sees it. The dispatcher decides how bytes get
 * there (a plain keep-alive agent here; an SSH tunnel for remote hosts), so
 * checks only ever say "port 8080, path /".
 */
export class HttpClient {
  constructor(
    /** Or a function making it on the first request: grading without HTTP checks never loads undici. */
    private readonly dispatcher: Dispatcher | (() => Dispatcher),
    /** Host name that reaches ports published by the graded engine. */
    readonly host: string,
  ) {}

  urlFor(port: number, path = '/'): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
  }

  async get(url: string, opts: HttpGetOptions = {}): Promise<HttpResponse> {
    const waitMs = opts.waitMs ?? 0;
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        return await this.follow(url, opts);
      } catch (e) {
        const r = reasonOf(e);
        const retry = RETRYABLE.has(r.code) && Date.now() + 250 < deadline && !opts.signal?.aborted;
        debug('GET %s failed (%s)%s', url, r.code, retry ? ', retrying' : '');
        if (!retry) {
          if (e instanceof HttpUnreachableError) throw e;
          throw new HttpUnreachableError(url, r.text);
        }
        await pause(250, opts.signal);
      }
    }
  }

  private async follow(url: string, opts: HttpGetOptions): Promise<HttpResponse> {
    const chain: string[] = [];
    const maxRedirects = opts.followRedirects === false ? 0 : (opts.maxRedirects ?? 5);
    let current = url;
    for (;;) {
      chain.push(current);
      const res = await this.once(current, opts);
      const location = res.headers['location'];
      if (res.status >= 300 && res.status < 400 && location && chain.length <= maxRedirects) {
        const next = resolveLocation(location, current);
        if (next && sameServer(next, new URL(current))) {
          current = next.toString();
          continue;
        }
        debug('GET %s: not following the redirect to %s (another host, port or scheme)', current, location);
        return { ...res, url: current, chain, offHostLocation: next?.toString() ?? location };
      }
      return { ...res, url: current, chain };
    }
  }

  private async once(url: string, opts: HttpGetOptions): Promise<Omit<HttpResponse, 'chain' | 'url'>> {
    const timeoutMs = opts.timeoutMs ?? 5_000;
    const maxBody = opts.maxBodyBytes ?? 256 * 1024;
    const started = Date.now();
    const res = await undiciRequest(url, {
      dispatcher: typeof this.dispatcher === 'function' ? this.dispatcher() : this.dispatcher,
      method: 'GET',
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      headers: { 'user-agent': 'grade (docker course grader)', accept: 'text/html,*/*' },
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      if (size + buf.length > maxBody) {
        chunks.push(buf.subarray(0, maxBody - size));
        truncated = true;
        res.body.destroy();
        break;
      }
      chunks.push(buf);
      size += buf.length;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    debug('GET %s → %d (%d ms)', url, res.statusCode, Date.now() - started);
    return { status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8'), bodyTruncated: truncated };
  }
}
