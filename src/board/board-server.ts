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
import { gradeResultValidator } from '../result/result-validator';
import { gradeResultSchema } from '../result/schema';
import type { GradeResult } from '../result/types';
import { cookieValue, newJoinCode, newStudentToken, secretsEqual, SESSION_COOKIE, SESSION_MS, sessionValid, sessionValue, sha256 } from './board-auth';
import { renderBoardMain, renderBoardPage, renderLoginPage } from './board-page';
import { message, type Lang } from '../messages/catalog';
import { BoardState, type BoardExercise, type BoardView } from './board-state';
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
}

export const DEFAULT_LIMITS: BoardLimits = { resultBytes: 512 * 1024, pushesPerMinute: 30, joinsPerMinute: 600, loginsPerMinute: 20 };

export interface BoardServerOptions {
  store: BoardStore;
  roster: readonly ClassMember[];
  exercises: readonly BoardExercise[];
  secret: string;
  /** Shown in the page title: the class file's name. */
  className: string;
  /** The language of the page (default English). */
  lang?: Lang;
  stuckMinutes: number;
  /** The board's clock; tests move it forward to see the stuck mark. */
  clock?: () => number;
  limits?: Partial<BoardLimits>;
}

interface Pusher {
  source: ResultSource;
  /** The student a token is bound to; absent for the instructor (SSH rounds push for anyone in the class). */
  studentId?: string;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

function bearer(req: FastifyRequest): string | undefined {
  return /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? '')?.[1];
}

/** One clear 4xx per bad request, as `{ error }`: which one, from what fastify and its plugins throw. */
function clientError(err: FastifyError): { status: number; message: string } | undefined {
  if (err.validation) return { status: 422, message: `not a GradeResult: ${err.message}` };
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
  private readonly state: BoardState;
  private readonly clock: () => number;
  private readonly limits: BoardLimits;
  private readonly roster: Map<string, ClassMember>;
  private readonly streams = new Set<ServerResponse>();
  private readonly timers: NodeJS.Timeout[] = [];
  private pending: NodeJS.Timeout | undefined;
  private lastSent = '';
  private readonly assets: Record<string, { type: string; body: string }>;

  private constructor(
    private readonly opts: BoardServerOptions,
    readonly joinCode: string,
  ) {
    this.clock = opts.clock ?? Date.now;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.roster = new Map(opts.roster.map((m) => [m.id, m]));
    this.state = new BoardState(opts.roster, opts.exercises);
    this.assets = {
      '/board.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(templatesDir, 'board.js'), 'utf8') },
      '/board.css': { type: 'text/css; charset=utf-8', body: readFileSync(path.join(templatesDir, 'board.css'), 'utf8') },
    };
    // Small bodies everywhere but the results route; no request logging (tokens travel in headers).
    this.app = Fastify({ logger: false, bodyLimit: 16 * 1024, forceCloseConnections: true });
  }

  /** Loads every stored result, so a restarted board shows what it showed before. */
  static async create(opts: BoardServerOptions): Promise<BoardServer> {
    const joinCode = await opts.store.settingOrInit('join_code', newJoinCode());
    const server = new BoardServer(opts, joinCode);
    // Loaded (or, under ts-jest, compiled) now rather than on the first push.
    gradeResultValidator();
    for (const r of await opts.store.resultsAfter(0)) server.state.apply(r);
    await opts.store.watch((seq) => {
      if (server.state.has(seq)) return;
      opts.store.resultBySeq(seq).then(
        (r) => r && server.state.apply(r) && server.changed(),
        (e: Error) => debug('result %d from another instance: %s', seq, e.message),
      );
    });
    await server.routes();
    // The stuck mark and "updated" time change with the clock alone.
    server.timers.push(setInterval(() => server.changed(), 1000).unref());
    server.timers.push(setInterval(() => server.streams.forEach((s) => s.write(': keep-alive\n\n')), 15_000).unref());
    return server;
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
      for (const s of this.streams) s.write(event);
    }, 200);
  }

  private isInstructor(req: FastifyRequest): boolean {
    const token = bearer(req);
    if (token) return secretsEqual(token, this.opts.secret);
    return sessionValid(this.opts.secret, cookieValue(req.headers.cookie, SESSION_COOKIE), this.clock());
  }

  private requireInstructor = async (req: FastifyRequest, reply: FastifyReply) => {
    if (this.isInstructor(req)) return;
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
      const cookie = `${SESSION_COOKIE}=${sessionValue(this.opts.secret, this.clock())}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}`;
      return reply.code(303).header('set-cookie', cookie).header('location', '/').send();
    });
    app.post('/logout', async (_req, reply) =>
      reply.code(303).header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`).header('location', '/login').send(),
    );

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
      const results = (await this.opts.store.resultsAfter(0)).map((r) => ({
        seq: r.seq,
        studentId: r.studentId,
        source: r.source,
        receivedAt: r.receivedAt,
        score: r.result.score,
        exercises: r.result.exercises.map((e) => ({ id: e.id, points: e.score.points, max: e.score.max })),
      }));
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
        if (!secretsEqual(norm(code), norm(this.joinCode))) return reply.code(403).send({ error: 'wrong join code' });
        const member = this.roster.get(studentId);
        if (!member) return reply.code(404).send({ error: `no student "${studentId}" in the class file` });
        const token = newStudentToken();
        await this.opts.store.addToken(sha256(token), member.id, new Date(this.clock()).toISOString());
        return reply.code(201).send({ token, student: { id: member.id, name: member.name } });
      },
    );

    app.post(
      '/api/results',
      {
        bodyLimit: this.limits.resultBytes,
        schema: { body: gradeResultSchema },
        validatorCompiler: () => gradeResultValidator(),
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
          let pusher: Pusher;
          if (secretsEqual(token, this.opts.secret)) pusher = { source: 'batch' };
          else {
            const record = await this.opts.store.token(sha256(token));
            if (!record) return reply.code(401).send({ error: 'unknown token' });
            if (record.revoked)
              return reply.code(401).send({ error: 'this token was revoked; ask the instructor, then grade init --board URL --join CODE again' });
            pusher = { source: 'self', studentId: record.studentId };
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
          return reply.code(422).send({ error: `the result's student "${studentId ?? ''}" is not in the class file` });
        const stored = await this.opts.store.addResult({
          studentId,
          source: pusher.source,
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

  /** The gradebook: per student, the latest points of each exercise (the page's cells), and how many of them were self-reported. */
  gradesCsv(): string {
    const view = this.view();
    const rows: (string | number)[][] = [['student', 'name', ...view.exercises.map((e) => e.id), 'total', 'self_reported']];
    for (const s of view.students) {
      const graded = s.cells.filter((c) => c.points !== undefined);
      rows.push([
        s.id,
        s.name,
        ...s.cells.map((c) => c.points ?? ''),
        graded.reduce((n, c) => n + c.points!, 0),
        graded.filter((c) => c.source === 'self').length,
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

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.streams) s.end();
    this.streams.clear();
    await this.app.close();
  }
}
