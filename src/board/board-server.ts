import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import { Ajv } from 'ajv';
import createDebug from 'debug';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ClassMember } from '../batch/hosts-file';
import { templatesDir } from '../package/package-info';
import { csvRecords } from '../report/csv';
import type { GradeResult } from '../result/types';
import { cookieValue, newJoinCode, newStudentToken, secretsEqual, SESSION_COOKIE, SESSION_MS, sessionValid, sessionValue, sha256 } from './board-auth';
import { renderBoardMain, renderBoardPage, renderLoginPage, withoutBidi } from './board-page';
import { message, type Lang } from '../messages/catalog';
import { boardResultSchema, boardResultValidator, catalogueProblem, type CatalogueExercise } from './board-result-checks';
import { BoardState, type BoardView, type StudentProgress } from './board-state';
import type { BoardStore, ResultSource } from './board-store';

const debug = createDebug('grade:board');

export interface BoardLimits {
  /** Largest result body accepted, in bytes. */
  resultBytes: number;
  /** Pushes per minute per student token (SSH rounds, sent with the instructor secret, are not limited). */
  pushesPerMinute: number;
  /** Joins and logins per minute per client address. */
  joinsPerMinute: number;
  loginsPerMinute: number;
  /** Joins per minute per student id, whatever the address: each join replaces the student's token. */
  joinsPerStudentPerMinute: number;
  /** Time to receive a whole request (headers and body), in ms: a slow body does not hold a connection. */
  requestMs: number;
  /** Time to receive a request's headers, in ms. */
  headersMs: number;
  /** Open connections, in all and per client address (a class behind one NAT shares an address). */
  connections: number;
  connectionsPerAddress: number;
  /** Bytes of page updates a page's connection may leave unread before it is dropped (the page reconnects). */
  streamBufferBytes: number;
}

export const DEFAULT_LIMITS: BoardLimits = {
  resultBytes: 512 * 1024,
  pushesPerMinute: 30,
  joinsPerMinute: 600,
  loginsPerMinute: 20,
  joinsPerStudentPerMinute: 5,
  requestMs: 15_000,
  headersMs: 10_000,
  connections: 4096,
  connectionsPerAddress: 128,
  streamBufferBytes: 1024 * 1024,
};

export interface BoardServerOptions {
  store: BoardStore;
  roster: readonly ClassMember[];
  /** The catalogue: the board's columns, and what a pushed result is checked against. */
  exercises: readonly CatalogueExercise[];
  secret: string;
  /** Shown in the page title: the class file's name. */
  className: string;
  /** The language of the page (default English). */
  lang?: Lang;
  stuckMinutes: number;
  /** The board's clock; tests move it forward to see the stuck mark. */
  clock?: () => number;
  /** How often the page is brought up to date for the clock alone, in ms (default 1000); tests moving the clock fast tighten it. */
  clockTickMs?: number;
  limits?: Partial<BoardLimits>;
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For/-Proto are believed; none by default. */
  trustProxy?: readonly string[];
}

interface Pusher {
  source: ResultSource;
  /** The student a token is bound to; absent for the instructor (SSH rounds push for anyone in the class). */
  studentId?: string;
  /** `instructor`, or `token:` and the first 12 hex digits of the token's hash. */
  sender: string;
}

/** Addresses remembered for failed bearer attempts; beyond this the oldest are forgotten (a flood of addresses cannot grow it). */
const FAILURE_ADDRESSES = 10_000;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

function bearer(req: FastifyRequest): string | undefined {
  return /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? '')?.[1];
}

/** One clear 4xx per bad request, as `{ error }`: which one, from what fastify and its plugins throw. */
function clientError(err: FastifyError): { status: number; message: string } | undefined {
  // The first problem only, its path cut short: an answer never echoes what a student sent at length.
  if (err.validation) {
    const first = err.validation[0];
    const where = `${err.validationContext ?? 'body'}${first?.instancePath ?? ''}`;
    return { status: 422, message: `not a GradeResult: ${where.slice(0, 120)} ${first?.message ?? err.message}`.slice(0, 300) };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'the body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, message: 'the body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'send application/json' };
  }
  if (err instanceof SyntaxError) return { status: 400, message: 'the body is not valid JSON' };
  const status = err.statusCode ?? 500;
  return status >= 400 && status < 500 ? { status, message: err.message } : undefined;
}

/**
 * The live lab board: results in (student pushes, SSH rounds), the class grid
 * out (page, event stream, exports). It reads and writes GradeResults only;
 * it never talks to a Docker engine.
 */
export class BoardServer {
  readonly app: FastifyInstance;
  private state: BoardState;
  private readonly clock: () => number;
  private readonly limits: BoardLimits;
  private readonly roster: Map<string, ClassMember>;
  private readonly catalogue: Map<string, CatalogueExercise>;
  /** Per student id, the times of their joins in the last minute (only ids of the class file get here). */
  private readonly joins = new Map<string, number[]>();
  /** Per address, the times of failed bearer attempts in the last minute. */
  private readonly failures = new Map<string, number[]>();
  private code: string;
  /** Instructor sessions issued before this time (ms) were ended by a logout. */
  private sessionsAfter = 0;
  /** Changed by `grade board revoke --drop-results`: the progress is read again from the store. */
  private progressEpoch = '';
  private readonly streams = new Set<ServerResponse>();
  private readonly timers: NodeJS.Timeout[] = [];
  private pending: NodeJS.Timeout | undefined;
  private lastSent = '';
  private readonly assets: Record<string, { type: string; body: string }>;

  private constructor(
    private readonly opts: BoardServerOptions,
    joinCode: string,
  ) {
    this.code = joinCode;
    this.clock = opts.clock ?? Date.now;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.roster = new Map(opts.roster.map((m) => [m.id, m]));
    this.state = new BoardState(opts.roster, opts.exercises);
    this.catalogue = new Map(opts.exercises.map((e) => [e.id, e]));
    this.assets = {
      '/board.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(templatesDir, 'board.js'), 'utf8') },
      '/board.css': { type: 'text/css; charset=utf-8', body: readFileSync(path.join(templatesDir, 'board.css'), 'utf8') },
    };
    // Small bodies everywhere but the results route; no request logging (tokens travel in headers).
    this.app = Fastify({
      logger: false,
      bodyLimit: 16 * 1024,
      forceCloseConnections: true,
      requestTimeout: this.limits.requestMs,
      keepAliveTimeout: 5000,
      // Node checks the request and header deadlines this often (30 s by default: a slow body would live twice its limit).
      http: { connectionsCheckingInterval: Math.min(1000, this.limits.headersMs) },
      trustProxy: opts.trustProxy?.length ? [...opts.trustProxy] : false,
    });
    this.boundConnections();
  }

  /** A connection cap in all and per address, and a deadline for the headers: slow or many connections cannot use up the board's descriptors. */
  private boundConnections(): void {
    const server = this.app.server;
    server.headersTimeout = this.limits.headersMs;
    server.maxConnections = this.limits.connections;
    const open = new Map<string, number>();
    const proxies = new Set(this.opts.trustProxy ?? []);
    server.on('connection', (socket: import('node:net').Socket) => {
      const address = socket.remoteAddress ?? '';
      // A trusted proxy carries the whole class: only the total cap applies to it.
      if (proxies.has(address) || proxies.has(address.replace(/^::ffff:/, ''))) return;
      const n = (open.get(address) ?? 0) + 1;
      if (n > this.limits.connectionsPerAddress) {
        socket.destroy();
        return;
      }
      open.set(address, n);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left) open.set(address, left);
        else open.delete(address);
      });
    });
  }

  /**
   * Reads what the page shows: each student's saved progress, then only the
   * results stored after it (those of the last second before a stop). The
   * history itself is not read: a long course restarts as fast as a new one.
   */
  static async create(opts: BoardServerOptions): Promise<BoardServer> {
    const joinCode = await opts.store.settingOrInit('join_code', newJoinCode());
    const server = new BoardServer(opts, joinCode);
    // Compiled now rather than on the first push.
    boardResultValidator();
    server.progressEpoch = (await opts.store.setting('progress_epoch')) ?? '';
    server.sessionsAfter = Number((await opts.store.setting('sessions_after')) ?? 0);
    await server.loadProgress();
    await opts.store.watch((seq) => {
      if (server.state.has(seq)) return;
      opts.store.resultBySeq(seq).then(
        (r) => r && server.state.apply(r) && server.changed(),
        (e: Error) => debug('result %d from another instance: %s', seq, e.message),
      );
    });
    await server.routes();
    // The stuck mark and "updated" time change with the clock alone.
    server.timers.push(setInterval(() => server.changed(), opts.clockTickMs ?? 1000).unref());
    // Settings first: after revoke --drop-results the progress is read again, and what was pending is not saved over it.
    server.timers.push(setInterval(() => void server.readSettings().then(() => server.saveProgress()), 1000).unref());
    server.timers.push(setInterval(() => server.streams.forEach((s) => server.send(s, ': keep-alive\n\n')), 15_000).unref());
    return server;
  }

  /** Each student's saved progress, then only the results stored after it. */
  private async loadProgress(): Promise<void> {
    const store = this.opts.store;
    for (const saved of await store.progress()) this.state.restore(saved.studentId, JSON.parse(saved.state) as StudentProgress);
    for (const m of this.opts.roster) {
      for (;;) {
        const batch = await store.studentResultsAfter(m.id, this.state.upTo(m.id), 100);
        for (const r of batch) this.state.apply(r);
        if (batch.length < 100) break;
      }
    }
    await this.saveProgress();
  }

  /** What another process (grade board rotate-code, revoke --drop-results) or instance changed: the join code, logouts, dropped results. */
  private async readSettings(): Promise<void> {
    try {
      const store = this.opts.store;
      this.code = (await store.setting('join_code')) ?? this.code;
      this.sessionsAfter = Math.max(this.sessionsAfter, Number((await store.setting('sessions_after')) ?? 0));
      const epoch = (await store.setting('progress_epoch')) ?? '';
      if (epoch !== this.progressEpoch) {
        this.progressEpoch = epoch;
        this.state = new BoardState(this.opts.roster, this.opts.exercises);
        await this.loadProgress();
        this.changed();
      }
    } catch (e) {
      debug('reading settings: %s', (e as Error).message);
    }
  }

  /** The join code students type (changed by grade board rotate-code; tokens already issued keep working). */
  get joinCode(): string {
    return this.code;
  }

  /** Writes the progress of the students changed since the last save (a crash loses none: start-up folds in later results). */
  private async saveProgress(): Promise<void> {
    const changed = this.state.takeChanged();
    if (!changed.length) return;
    await this.opts.store
      .saveProgress(changed.map(([studentId, p]) => ({ studentId, upTo: p.upTo, state: JSON.stringify(p) })))
      .catch((e: Error) => debug('saving progress: %s', e.message));
  }

  /** Open page event streams (a dropped page is no longer counted). */
  get pageStreams(): number {
    return this.streams.size;
  }

  view(): BoardView {
    return this.state.view(this.clock(), this.opts.stuckMinutes);
  }

  /**
   * Coalesces changes: at most five page updates a second, each within 200 ms
   * of the change (rendering a 300-student grid costs tens of ms; a class
   * pushing 60 results a second must not pay it 60 times).
   */
  private changed(): void {
    if (this.pending || !this.streams.size) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      const html = renderBoardMain(this.view(), this.opts.lang);
      if (html === this.lastSent) return;
      this.lastSent = html;
      const event = `event: board\ndata: ${JSON.stringify({ html })}\n\n`;
      for (const s of this.streams) this.send(s, event);
    }, 200);
  }

  /** Writes to one page's stream; a page that leaves too much unread is dropped (it reconnects), not buffered without end. */
  private send(s: ServerResponse, text: string): void {
    if (s.writableLength > this.limits.streamBufferBytes) {
      this.streams.delete(s);
      s.destroy();
      return;
    }
    s.write(text);
  }

  /** True when this address failed too many bearer attempts in the last minute (counted like logins). */
  private tooManyFailures(address: string): boolean {
    const now = this.clock();
    const recent = (this.failures.get(address) ?? []).filter((t) => t > now - 60_000);
    return recent.length >= this.limits.loginsPerMinute;
  }

  private failed(address: string): void {
    const now = this.clock();
    const recent = (this.failures.get(address) ?? []).filter((t) => t > now - 60_000);
    this.failures.delete(address);
    this.failures.set(address, [...recent, now]);
    if (this.failures.size > FAILURE_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
  }

  private isInstructor(req: FastifyRequest): boolean {
    const token = bearer(req);
    if (token) return secretsEqual(token, this.opts.secret);
    const session = cookieValue(req.headers.cookie, SESSION_COOKIE);
    return sessionValid(this.opts.secret, session, this.clock()) && Number(session!.split('.')[0]) > this.sessionsAfter;
  }

  private requireInstructor = async (req: FastifyRequest, reply: FastifyReply) => {
    if (bearer(req) && this.tooManyFailures(req.ip)) return reply.code(429).send({ error: 'too many failed attempts from this address; wait a minute' });
    if (this.isInstructor(req)) return;
    if (bearer(req)) this.failed(req.ip);
    if (req.method === 'GET' && req.url === '/') return reply.code(303).header('location', '/login').send();
    return reply.code(401).send({ error: 'log in as the instructor first' });
  };

  private async routes(): Promise<void> {
    const app = this.app;
    const pushers = new WeakMap<FastifyRequest, Pusher>();
    const nonces = new WeakMap<FastifyRequest, string>();
    const strict = new Ajv({ allErrors: false, strict: true });

    await app.register(rateLimit, { global: false });
    // JSON for the API, a form for the login; nothing else is read (fastify would take text/plain as a string).
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    app.setErrorHandler((err: FastifyError, _req, reply) => {
      const client = clientError(err);
      if (client) return reply.code(client.status).send({ error: client.message });
      debug('internal error: %O', err);
      return reply.code(500).send({ error: 'internal error of the board' });
    });
    app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'no such page' }));
    app.addHook('onRequest', async (req) => {
      nonces.set(req, randomBytes(16).toString('base64'));
    });
    app.addHook('onSend', async (req, reply) => {
      // Scripts only from the board itself, and only the one the page names with this response's nonce; nothing external.
      reply.header(
        'content-security-policy',
        `default-src 'none'; script-src 'nonce-${nonces.get(req)}'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      );
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      // Refused before its body was read (no or wrong token, too many requests, too large): the connection is closed
      // rather than the body read and thrown away, so a client sending 512 KiB bodies it may not send costs the board nothing.
      if ([401, 413, 429].includes(reply.statusCode) && req.method === 'POST' && req.body === undefined) reply.header('connection', 'close');
    });

    for (const [url, asset] of Object.entries(this.assets)) {
      app.get(url, async (_req, reply) => reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body));
    }
    app.get('/healthz', async () => ({ ok: true }));
    // Browsers ask for it; an empty answer keeps their consoles clean.
    app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());

    app.get('/login', async (_req, reply) => reply.type('text/html; charset=utf-8').send(renderLoginPage(undefined, this.opts.lang)));
    app.post('/login', { config: { rateLimit: { max: this.limits.loginsPerMinute, timeWindow: 60_000 } } }, async (req, reply) => {
      const secret = (req.body as Record<string, string> | undefined)?.secret ?? '';
      if (!secretsEqual(secret, this.opts.secret))
        return reply
          .code(401)
          .type('text/html; charset=utf-8')
          .send(renderLoginPage(message(this.opts.lang ?? 'en', 'boardPage.wrongSecret'), this.opts.lang));
      // Issued after the last logout, even within the same millisecond.
      const issued = Math.max(this.clock(), this.sessionsAfter + 1);
      const secure = req.protocol === 'https' ? '; Secure' : '';
      const cookie = `${SESSION_COOKIE}=${sessionValue(this.opts.secret, issued)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}${secure}`;
      return reply.code(303).header('set-cookie', cookie).header('location', '/').send();
    });
    // Ends every instructor session issued so far, on every instance (the cookie alone would stay valid for 12 h).
    app.post('/logout', { onRequest: this.requireInstructor }, async (req, reply) => {
      this.sessionsAfter = Math.max(this.clock(), this.sessionsAfter);
      await this.opts.store.setSetting('sessions_after', String(this.sessionsAfter));
      const secure = req.protocol === 'https' ? '; Secure' : '';
      return reply
        .code(303)
        .header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure}`)
        .header('location', '/login')
        .send();
    });

    app.get('/', { onRequest: this.requireInstructor }, async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(
        renderBoardPage(this.view(), {
          nonce: nonces.get(req)!,
          joinCode: this.joinCode,
          className: this.opts.className,
          // The address the browser reached the board at: the join line is a command to copy as it stands.
          url: `${req.protocol}://${req.host}`,
          ...(this.opts.lang ? { lang: this.opts.lang } : {}),
        }),
      ),
    );

    app.get('/events', { onRequest: this.requireInstructor }, (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
      });
      // Reconnect within a second after a restart; the first event brings the page up to date.
      res.write(`retry: 1000\n\nevent: board\ndata: ${JSON.stringify({ html: renderBoardMain(this.view(), this.opts.lang) })}\n\n`);
      this.streams.add(res);
      req.raw.on('close', () => this.streams.delete(res));
    });

    app.get('/grades.csv', { onRequest: this.requireInstructor }, async (_req, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="grades.csv"').send(this.gradesCsv()),
    );
    app.get('/class.json', { onRequest: this.requireInstructor }, async (_req, reply) => {
      // Page by page: only each result's scores are held, never the stored history at once.
      const results = [];
      for (let after = 0; ;) {
        const page = await this.opts.store.resultsAfter(after, 200);
        for (const r of page) {
          results.push({
            seq: r.seq,
            studentId: r.studentId,
            source: r.source,
            sender: r.sender,
            address: r.address,
            receivedAt: r.receivedAt,
            score: r.result.score,
            exercises: r.result.exercises.map((e) => ({ id: e.id, points: e.score.points, max: e.score.max })),
          });
        }
        if (page.length < 200) break;
        after = page.at(-1)!.seq;
      }
      return reply.header('content-disposition', 'attachment; filename="class.json"').send({ schemaVersion: 1, board: this.view(), results });
    });

    app.post(
      '/api/join',
      {
        schema: {
          body: {
            type: 'object',
            properties: { code: { type: 'string', maxLength: 64 }, studentId: { type: 'string', maxLength: 128 } },
            required: ['code', 'studentId'],
            additionalProperties: false,
          },
        },
        validatorCompiler: ({ schema }) => strict.compile(schema),
        config: { rateLimit: { max: this.limits.joinsPerMinute, timeWindow: 60_000 } },
      },
      async (req, reply) => {
        const { code, studentId } = req.body as { code: string; studentId: string };
        const norm = (c: string) => c.toUpperCase().replace(/[^A-Z0-9]/g, '');
        // Read now: grade board rotate-code may have changed it a moment ago.
        this.code = (await this.opts.store.setting('join_code')) ?? this.code;
        if (!secretsEqual(norm(code), norm(this.code))) return reply.code(403).send({ error: 'wrong join code' });
        const member = this.roster.get(studentId);
        if (!member) return reply.code(404).send({ error: `no student "${studentId}" in the class file` });
        // A host's results of record come from SSH rounds: no one pushes as that student unless the class file says so.
        if (member.host && !member.selfReport)
          return reply.code(403).send({ error: `${member.id} is graded over SSH (hosts: in the class file); joining as them is not allowed` });
        if (!this.joinAllowed(member.id))
          return reply.code(429).send({ error: `too many joins as ${member.id} in the last minute; try again in a minute or ask the instructor` });
        const token = newStudentToken();
        await this.opts.store.addToken(sha256(token), member.id, new Date(this.clock()).toISOString());
        // Not the name: the join code is known to the whole room, names need not be.
        return reply.code(201).send({ token, student: { id: member.id } });
      },
    );

    // An SSH round's host it could not grade, and why (one line): the board shows it rather than an empty row.
    app.post(
      '/api/unreachable',
      {
        onRequest: this.requireInstructor,
        schema: {
          body: {
            type: 'object',
            properties: { studentId: { type: 'string', maxLength: 128 }, reason: { type: 'string', minLength: 1, maxLength: 300 } },
            required: ['studentId', 'reason'],
            additionalProperties: false,
          },
        },
        validatorCompiler: ({ schema }) => strict.compile(schema),
      },
      async (req, reply) => {
        const { studentId, reason } = req.body as { studentId: string; reason: string };
        if (!this.roster.get(studentId)?.host) return reply.code(422).send({ error: `no host "${studentId.slice(0, 80)}" in the class file` });
        this.state.setUnreachable(studentId, reason.replace(/\s+/g, ' ').trim(), this.clock());
        this.changed();
        return reply.code(201).send({ stored: true });
      },
    );

    app.post(
      '/api/results',
      {
        bodyLimit: this.limits.resultBytes,
        schema: { body: boardResultSchema() },
        validatorCompiler: () => boardResultValidator(),
        config: {
          rateLimit: {
            max: this.limits.pushesPerMinute,
            timeWindow: 60_000,
            keyGenerator: (req: FastifyRequest) => sha256(bearer(req) ?? req.ip),
            // SSH rounds send a whole class at once with the instructor secret.
            allowList: (req: FastifyRequest) => secretsEqual(bearer(req) ?? '', this.opts.secret),
          },
        },
        // Before the body is read: who pushes, and with which key. A stranger's body is never parsed.
        onRequest: async (req, reply) => {
          const token = bearer(req);
          if (!token) return reply.code(401).send({ error: 'missing Authorization: Bearer <token>' });
          if (this.tooManyFailures(req.ip)) return reply.code(429).send({ error: 'too many failed attempts from this address; wait a minute' });
          let pusher: Pusher;
          if (secretsEqual(token, this.opts.secret)) pusher = { source: 'batch', sender: 'instructor' };
          else {
            const hash = sha256(token);
            const record = await this.opts.store.token(hash);
            if (!record) {
              this.failed(req.ip);
              return reply.code(401).send({ error: 'unknown token' });
            }
            if (record.revoked)
              return reply.code(401).send({ error: 'this token was revoked; ask the instructor, then grade init --board URL --join CODE again' });
            pusher = { source: 'self', studentId: record.studentId, sender: `token:${hash.slice(0, 12)}` };
          }
          if (!IDEMPOTENCY_KEY.test(String(req.headers['idempotency-key'] ?? ''))) {
            return reply.code(400).send({ error: 'missing or malformed Idempotency-Key header (8–128 of A-Z a-z 0-9 . _ : -)' });
          }
          pushers.set(req, pusher);
        },
      },
      async (req, reply) => {
        const pusher = pushers.get(req)!;
        const result = req.body as GradeResult;
        const studentId = result.student?.id;
        if (pusher.studentId !== undefined && studentId !== pusher.studentId) {
          return reply.code(403).send({ error: `this token sends results of student ${pusher.studentId} only` });
        }
        if (!studentId || !this.roster.has(studentId))
          return reply.code(422).send({ error: `the result's student "${(studentId ?? '').slice(0, 80)}" is not in the class file` });
        const problem = catalogueProblem(result, this.catalogue);
        if (problem) return reply.code(422).send({ error: problem });
        const stored = await this.opts.store.addResult({
          studentId,
          source: pusher.source,
          sender: pusher.sender,
          address: req.ip,
          idempotencyKey: String(req.headers['idempotency-key']),
          receivedAt: new Date(this.clock()).toISOString(),
          result,
        });
        if (stored === 'duplicate')
          return reply.code(409).send({ error: 'already stored: a result with this Idempotency-Key was received before', duplicate: true });
        this.state.apply(stored);
        this.changed();
        return reply.code(201).send({ stored: true, seq: stored.seq });
      },
    );
  }

  /**
   * The gradebook: per student, the points of each exercise as the page shows
   * them (verified over self-reported), how many of them are self-reported,
   * where the student reported other points than verified, and why the last
   * SSH round could not grade their host.
   */
  gradesCsv(): string {
    const view = this.view();
    const rows: (string | number)[][] = [['student', 'name', ...view.exercises.map((e) => e.id), 'total', 'self_reported', 'reported_differs', 'unreachable']];
    for (const s of view.students) {
      const graded = s.cells.filter((c) => c.points !== undefined);
      rows.push([
        s.id,
        withoutBidi(s.name),
        ...s.cells.map((c) => c.points ?? ''),
        graded.reduce((n, c) => n + c.points!, 0),
        graded.filter((c) => c.source === 'self').length,
        graded
          .filter((c) => c.reported !== undefined)
          .map((c) => `${c.exercise}: reported ${c.reported}, verified ${c.points}`)
          .join('; '),
        s.unreachable?.reason ?? '',
      ]);
    }
    return csvRecords(rows);
  }

  /** Listens on host:port (port 0: any free one); returns the board's URL. */
  async listen(host: string, port: number): Promise<string> {
    await this.app.listen({ host, port });
    const address = this.app.server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  }

  /** Counts a join of this student; false when they already joined joinsPerStudentPerMinute times in the last minute. */
  private joinAllowed(studentId: string): boolean {
    const now = this.clock();
    const recent = (this.joins.get(studentId) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= this.limits.joinsPerStudentPerMinute) {
      this.joins.set(studentId, recent);
      return false;
    }
    this.joins.set(studentId, [...recent, now]);
    return true;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.streams) s.end();
    this.streams.clear();
    await this.app.close();
    await this.saveProgress();
  }
}
