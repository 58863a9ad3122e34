import { finished, type Readable } from 'node:stream';
import createDebug from 'debug';
import type { Dispatcher } from 'undici';
import { undiciRequest } from '../http/undici-request';
import { renderValue } from '../messages/catalog';
import { phrase, type Phrase } from '../messages/phrase';
import { parseChallenge } from './www-authenticate';
import { LimitReached, startDeadline } from '../time/deadline';

const debug = createDebug('grade:registry');

export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;
const ACCEPT = Object.values(MEDIA_TYPES).join(', ');
const INDEX_TYPES = new Set<string>([MEDIA_TYPES.dockerList, MEDIA_TYPES.ociIndex]);

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
}

interface ImageIndex {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
}

export interface ImageConfig {
  os?: string;
  architecture?: string;
  config?: { Env?: string[]; Cmd?: string[]; Entrypoint?: string[] };
  rootfs: { type: string; diff_ids: string[] };
}

export interface RateLimit {
  limit?: number;
  remaining?: number;
  windowSeconds?: number;
}

/**
 * `notFound`: the registry says the name or tag does not exist. `denied`: it
 * will not let this client read it (private, or, on Docker Hub, absent).
 * `rateLimited` and `unavailable` are the registry's trouble, never the
 * student's: checks turn them into `error`.
 */
export type RegistryErrorKind = 'notFound' | 'denied' | 'rateLimited' | 'unavailable' | 'protocol';

export class RegistryError extends Error {
  /** The message as a phrase, for the ones a student reads (the registry's trouble): shown in the run's language. */
  readonly said?: Phrase;

  constructor(
    readonly kind: RegistryErrorKind,
    message: string | Phrase,
    readonly details: { status?: number; code?: string; retryAfterSeconds?: number; rateLimit?: RateLimit } = {},
  ) {
    super(typeof message === 'string' ? message : renderValue('en', message));
    this.name = 'RegistryError';
    if (typeof message !== 'string') this.said = message;
  }
}

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistryClientOptions {
  /** e.g. https://registry-1.docker.io or http://127.0.0.1:5000 */
  baseUrl: string;
  /** Never logged, never written to a report. */
  credentials?: RegistryCredentials;
  dispatcher?: Dispatcher;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

/** `100;w=21600` → { limit: 100, windowSeconds: 21600 } (Docker Hub's ratelimit-* headers). */
export function parseRateLimit(headers: Record<string, string | string[] | undefined>): RateLimit | undefined {
  const value = (name: string) => {
    const v = headers[name];
    const s = Array.isArray(v) ? v[0] : v;
    const m = s ? /^(\d+)(?:;w=(\d+))?/.exec(s) : null;
    return m ? { n: Number(m[1]), w: m[2] ? Number(m[2]) : undefined } : undefined;
  };
  const limit = value('ratelimit-limit');
  const remaining = value('ratelimit-remaining');
  if (!limit && !remaining) return undefined;
  return {
    ...(limit ? { limit: limit.n } : {}),
    ...(remaining ? { remaining: remaining.n } : {}),
    ...((limit?.w ?? remaining?.w) !== undefined ? { windowSeconds: (limit?.w ?? remaining?.w)! } : {}),
  };
}

function retryAfterSeconds(headers: Record<string, string | string[] | undefined>, rateLimit?: RateLimit): number | undefined {
  const raw = headers['retry-after'];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v && /^\d+$/.test(v)) return Number(v);
  if (v && !Number.isNaN(Date.parse(v))) return Math.max(0, Math.round((Date.parse(v) - Date.now()) / 1000));
  return rateLimit?.remaining === 0 ? rateLimit.windowSeconds : undefined;
}

/** When to try again ("in 5 min"), in the run's language. */
export function waitPhrase(seconds: number | undefined): Phrase {
  if (seconds === undefined) return phrase('part.registry.later');
  if (seconds < 120) return phrase('part.registry.inSeconds', { count: seconds });
  if (seconds < 7200) return phrase('part.registry.inMinutes', { count: Math.round(seconds / 60) });
  return phrase('part.registry.inHours', { count: Math.round(seconds / 3600) });
}

type Headers = Record<string, string | string[] | undefined>;

interface Sent {
  status: number;
  headers: Headers;
  body: Dispatcher.ResponseData['body'];
  /** host:port that answered, for messages. */
  host: string;
}

const MAX_JSON_BYTES = 16 * 1024 * 1024;
/** Docker Hub's tokens are about 1–4 KiB; a token service that sends more is not one. */
const MAX_TOKEN_BYTES = 1024 * 1024;
/** Enough of an error body for its `errors[0].code`. */
const MAX_ERROR_BYTES = 64 * 1024;

/** Reads a body of at most `max` bytes; a longer one is an error, never held in memory whole. */
async function readCapped({ body, host }: Sent, max: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        body.destroy();
        throw new RegistryError('protocol', `${what} larger than ${max >= 1024 * 1024 ? `${max / 1024 / 1024} MiB` : `${max / 1024} KiB`}`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    // The request's time limit covers its body: a body still coming at the limit is no answer in time.
    if (e instanceof LimitReached) throw new RegistryError('unavailable', phrase('part.registry.noAnswerWithin', { host, seconds: e.ms / 1000 }));
    throw e;
  }
  return Buffer.concat(chunks);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';
}

/** Where a password may go: https, or plain http that never leaves this machine. */
function safeForCredentials(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}

/** The token service of Docker Hub's registry lives on a host of its own. */
const KNOWN_TOKEN_HOSTS: Record<string, string> = { 'registry-1.docker.io': 'auth.docker.io' };

/**
 * Docker Registry HTTP API v2 / OCI distribution, read-only. Authentication
 * follows whatever the registry's 401 challenge asks for (Bearer token from its
 * realm, or Basic), anonymously unless credentials are given — nothing is
 * specific to Docker Hub. Every request is bounded in time.
 */
export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private readonly base: string;
  /** The most recent rate-limit headers seen (Docker Hub sends them on manifest requests). */
  rateLimit: RateLimit | undefined;

  constructor(private readonly opts: RegistryClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
  }

  get baseUrl(): string {
    return this.base;
  }

  get anonymous(): boolean {
    return !this.opts.credentials;
  }

  private timeout(): number {
    return this.opts.timeoutMs ?? 15_000;
  }

  /**
   * `whole`: the time limit covers the whole exchange; otherwise (blob bodies,
   * streamed and possibly large) only the wait for headers and each silence.
   */
  private async raw(method: 'GET' | 'HEAD', url: string, headers: Record<string, string>, signal?: AbortSignal, whole = true): Promise<Sent> {
    // The limit lasts until the body is read (callers read it after this returns).
    const limit = whole ? startDeadline(`registry request (${method} ${url})`, this.timeout(), signal) : undefined;
    const bound = limit ? limit.signal : signal;
    try {
      // undici loaded with the first registry request: most exercises never make one.
      const res = await undiciRequest(url, {
        method,
        headers: { 'user-agent': 'grade (docker course grader)', ...headers },
        headersTimeout: this.timeout(),
        bodyTimeout: this.timeout(),
        ...(bound ? { signal: bound } : {}),
        ...(this.opts.dispatcher ? { dispatcher: this.opts.dispatcher } : {}),
      });
      debug('%s %s → %d', method, url, res.statusCode);
      if (limit) finished(res.body, () => limit.dispose());
      return { status: res.statusCode, headers: res.headers, body: res.body, host: new URL(url).host };
    } catch (e) {
      limit?.dispose();
      if (signal?.aborted) throw e;
      const err = e as { code?: string; cause?: { code?: string }; name?: string };
      const code = err.code ?? err.cause?.code ?? err.name ?? 'error';
      const host = new URL(url).host;
      throw new RegistryError(
        'unavailable',
        limit?.expired || /TIMEOUT/.test(code)
          ? phrase('part.registry.noAnswerWithin', { host, seconds: this.timeout() / 1000 })
          : phrase('part.registry.unreachable', { host, code }),
      );
    }
  }

  private async token(challenge: Record<string, string>, scope: string, signal?: AbortSignal): Promise<string> {
    const realm = challenge.realm;
    if (!realm) throw new RegistryError('protocol', 'the registry asked for a token but named no realm');
    const url = new URL(realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', challenge.scope ?? scope);
    const headers: Record<string, string> = {};
    if (this.opts.credentials) {
      // The realm comes from the registry's answer: a password goes only to that registry's own token service, over https (or loopback).
      const registryHost = new URL(this.base).hostname;
      const ownRealm = url.hostname === registryHost || KNOWN_TOKEN_HOSTS[registryHost] === url.hostname;
      if (!ownRealm || !safeForCredentials(url)) {
        throw new RegistryError(
          'protocol',
          `the registry ${new URL(this.base).host} sends its token requests to ${url.origin}, ${ownRealm ? 'not over https' : 'another host'}: grade sends no credentials there`,
        );
      }
      headers.authorization = `Basic ${Buffer.from(`${this.opts.credentials.username}:${this.opts.credentials.password}`).toString('base64')}`;
    }
    const res = await this.raw('GET', url.toString(), headers, signal);
    const text = (await readCapped(res, MAX_TOKEN_BYTES, "the token service's answer is")).toString('utf8');
    if (res.status === 401 || res.status === 403)
      throw new RegistryError('denied', `the registry's token service refused the credentials (${res.status})`, { status: res.status });
    if (res.status === 429) {
      const rateLimit = parseRateLimit(res.headers);
      throw new RegistryError('rateLimited', phrase('part.registry.tokenRateLimited'), { status: 429, ...(rateLimit ? { rateLimit } : {}) });
    }
    if (res.status >= 400) throw new RegistryError('unavailable', phrase('part.registry.tokenAnswered', { status: res.status }), { status: res.status });
    let data: { token?: string; access_token?: string };
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      throw new RegistryError('protocol', 'the token service answered something that is not JSON');
    }
    const token = data.token ?? data.access_token;
    if (!token) throw new RegistryError('protocol', 'the token service answered without a token');
    return token;
  }

  /**
   * One registry request with authentication as challenged. The scope is the
   * repository's pull scope: that is all a grader ever needs.
   */
  private async send(method: 'GET' | 'HEAD', repository: string, path: string, accept: string | undefined, signal?: AbortSignal, whole = true): Promise<Sent> {
    const scope = `repository:${repository}:pull`;
    const url = `${this.base}/v2/${repository}/${path}`;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = accept ? { accept } : {};
      const cached = this.tokens.get(scope);
      if (cached) headers.authorization = cached;
      const res = await this.raw(method, url, headers, signal, whole);
      const rl = parseRateLimit(res.headers);
      if (rl) this.rateLimit = rl;
      if (res.status === 401 && attempt === 0) {
        await res.body.dump();
        const challenge = parseChallenge(String(res.headers['www-authenticate'] ?? ''));
        if (challenge?.scheme === 'bearer') this.tokens.set(scope, `Bearer ${await this.token(challenge.params, scope, signal)}`);
        else if (challenge?.scheme === 'basic' && this.opts.credentials) {
          if (!safeForCredentials(new URL(url))) {
            throw new RegistryError('protocol', `the registry ${new URL(url).host} asks for a password over plain http: grade sends none`, { status: 401 });
          }
          const { username, password } = this.opts.credentials;
          this.tokens.set(scope, `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`);
        } else throw new RegistryError('denied', `${repository} needs credentials the grader does not have`, { status: 401 });
        continue;
      }
      if (res.status >= 300 && res.status < 400 && method === 'GET' && res.headers.location) {
        // Blobs are often served from elsewhere (Docker Hub → a CDN): no registry token there.
        await res.body.dump();
        return this.follow(new URL(String(res.headers.location), url).toString(), signal, whole);
      }
      if (res.status < 300) return res;
      throw await this.failure(res, repository, path);
    }
  }

  private async follow(url: string, signal: AbortSignal | undefined, whole: boolean, hops = 0): Promise<Sent> {
    const res = await this.raw('GET', url, {}, signal, whole);
    if (res.status >= 300 && res.status < 400 && res.headers.location && hops < 5) {
      await res.body.dump();
      return this.follow(new URL(String(res.headers.location), url).toString(), signal, whole, hops + 1);
    }
    if (res.status >= 300) throw await this.failure(res, '', url);
    return res;
  }

  private async failure(res: Sent, repository: string, path: string): Promise<RegistryError> {
    const text = await readCapped(res, MAX_ERROR_BYTES, 'an error body')
      .then((b) => b.toString('utf8'))
      .catch(() => '');
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { errors?: { code?: string }[] }).errors?.[0]?.code;
    } catch {
      // HEAD has no body; some errors are not JSON
    }
    const details = { status: res.status, ...(code ? { code } : {}) };
    const what = repository ? `${repository} (${path.split('/')[0]})` : path;
    if (res.status === 404) return new RegistryError('notFound', `${what}: not found${code ? ` (${code})` : ''}`, details);
    if (res.status === 401 || res.status === 403) return new RegistryError('denied', `${what}: access denied${code ? ` (${code})` : ''}`, details);
    if (res.status === 429) {
      const rateLimit = parseRateLimit(res.headers);
      const retry = retryAfterSeconds(res.headers, rateLimit);
      return new RegistryError('rateLimited', phrase('part.registry.pullLimit', { wait: waitPhrase(retry) }), {
        ...details,
        ...(retry !== undefined ? { retryAfterSeconds: retry } : {}),
        ...(rateLimit ? { rateLimit } : {}),
      });
    }
    return new RegistryError(res.status >= 500 ? 'unavailable' : 'protocol', phrase('part.registry.answered', { what, status: res.status }), details);
  }

  private async json<T>(res: Sent): Promise<T> {
    return JSON.parse((await readCapped(res, MAX_JSON_BYTES, 'a manifest or config')).toString('utf8')) as T;
  }

  /** HEAD of a manifest: whether it exists and its digest (on Docker Hub, not counted as a pull). */
  async headManifest(repository: string, reference: string, signal?: AbortSignal): Promise<{ digest?: string; mediaType?: string }> {
    const res = await this.send('HEAD', repository, `manifests/${reference}`, ACCEPT, signal);
    await res.body.dump();
    const digest = res.headers['docker-content-digest'];
    const type = res.headers['content-type'];
    return { ...(digest ? { digest: String(digest) } : {}), ...(type ? { mediaType: String(type).split(';')[0]! } : {}) };
  }

  /**
   * The image manifest for one platform: an index (multi-platform image) is
   * resolved to the entry for `platform`, skipping BuildKit attestations.
   */
  async imageManifest(
    repository: string,
    reference: string,
    platform: { os: string; architecture: string },
    signal?: AbortSignal,
  ): Promise<{ digest: string; manifest: ImageManifest }> {
    const res = await this.send('GET', repository, `manifests/${reference}`, ACCEPT, signal);
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!;
    const digest = String(res.headers['docker-content-digest'] ?? reference);
    const body = await this.json<ImageManifest & ImageIndex>(res);
    if (INDEX_TYPES.has(mediaType) || INDEX_TYPES.has(body.mediaType ?? '') || Array.isArray(body.manifests)) {
      const candidates = (body.manifests ?? []).filter(
        (m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && m.platform?.os !== 'unknown',
      );
      const chosen = candidates.find((m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture);
      if (!chosen) {
        const have = candidates.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).join(', ') || 'none';
        throw new RegistryError('notFound', `${repository}:${reference} has no ${platform.os}/${platform.architecture} image (platforms: ${have})`);
      }
      return this.imageManifest(repository, chosen.digest, platform, signal);
    }
    if (body.schemaVersion !== 2 || !body.config || !Array.isArray(body.layers)) {
      throw new RegistryError('protocol', `${repository}:${reference} has a manifest of an unsupported kind (${mediaType || 'unknown type'})`);
    }
    return { digest, manifest: body };
  }

  async imageConfig(repository: string, descriptor: Descriptor, signal?: AbortSignal): Promise<ImageConfig> {
    return this.json<ImageConfig>(await this.send('GET', repository, `blobs/${descriptor.digest}`, undefined, signal));
  }

  /** A layer blob as a stream: the caller reads what it needs and destroys it (stopping the download). */
  async openBlob(repository: string, descriptor: Descriptor, signal?: AbortSignal): Promise<Readable> {
    return (await this.send('GET', repository, `blobs/${descriptor.digest}`, undefined, signal, false)).body;
  }
}
