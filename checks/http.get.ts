import { patternInWords } from '../src/check/pattern-words';
import { pause } from '../src/time/pause';
import { defineCheckKind, phrase, type CheckContext, type MessageValue, type Phrase } from '../src/check/kind';
import { HttpUnreachableError, type HttpResponse } from '../src/http/http-client';
import { renderValue } from '../src/messages/catalog';
import { portNumberSchema } from '../src/check/port-number';

interface Params {
  /** Port published on the graded host. */
  port: number;
  path?: string;
  /** Expected final status (default 200). */
  status?: number;
  /** Text the page must contain (case-insensitive). */
  contains?: string;
  /** Regular expression the page must match. */
  matches?: string;
  /** Follow redirects (default true), as a browser does. */
  followRedirects?: boolean;
  /** Keep retrying this long while nothing listens yet (default 3000 ms). */
  waitMs?: number;
}

function pageSummary(body: string): MessageValue {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  if (title) return phrase('part.http.pageTitled', { title });
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? `"${text.length > 120 ? `${text.slice(0, 117)}...` : text}"` : phrase('part.http.emptyPage');
}

/** A state younger than this may still be starting (a database initialising behind WordPress). */
const STARTING_WINDOW_MS = 60_000;

/**
 * Why the answer may not be final yet: the grader brought the state up itself
 * (grade repo), or the container publishing the port started less than a
 * minute ago. Undefined when the state has had time to start.
 */
async function startingReason(ctx: CheckContext, port: number): Promise<Phrase | undefined> {
  if (ctx.stagedAt !== undefined) return phrase('part.http.stagedJustNow');
  const publisher = (await ctx.engine.containers()).find((c) => c.State === 'running' && c.Ports?.some((p) => p.PublicPort === port));
  if (!publisher) return undefined;
  const [details, now] = await Promise.all([ctx.engine.container(publisher.Id), ctx.engine.systemTime()]);
  const startedAt = details ? Date.parse(details.State.StartedAt) : NaN;
  if (!Number.isFinite(startedAt) || now.getTime() - startedAt >= STARTING_WINDOW_MS) return undefined;
  return phrase('part.http.startedAgo', { seconds: Math.max(0, Math.round((now.getTime() - startedAt) / 1000)) });
}

/** The answer, or why nothing answered. */
type Attempt = { res: HttpResponse } | { unreachable: string };

/**
 * GETs the page; while the state is starting, a refused connection or a 5xx
 * answer is retried with backoff until shortly before the check's time limit:
 * starting is not failing. Reports how long it waited.
 */
async function getWhileStarting(
  ctx: CheckContext,
  url: string,
  o: { port: number; followRedirects: boolean; waitMs: number; expectedStatus: number },
): Promise<{ attempt: Attempt; waitedMs: number; starting?: Phrase }> {
  const t0 = Date.now();
  const get = async (waitMs: number): Promise<Attempt> => {
    try {
      return { res: await ctx.http.get(url, { followRedirects: o.followRedirects, waitMs, signal: ctx.signal }) };
    } catch (e) {
      if (e instanceof HttpUnreachableError) return { unreachable: e.reason };
      throw e;
    }
  };
  let attempt = await get(o.waitMs);
  const notYet = (a: Attempt) => 'unreachable' in a || (a.res.status >= 500 && o.expectedStatus < 500);
  if (!notYet(attempt)) return { attempt, waitedMs: Date.now() - t0 };
  const starting = await startingReason(ctx, o.port);
  if (!starting) return { attempt, waitedMs: Date.now() - t0 };
  const until = ctx.deadline - 1_500;
  let wait = 250;
  while (notYet(attempt) && Date.now() + wait < until && !ctx.signal.aborted) {
    await pause(wait, ctx.signal);
    wait = Math.min(2_000, Math.round(wait * 1.5));
    attempt = await get(0);
  }
  return { attempt, waitedMs: Date.now() - t0, starting };
}

/** The HTTP client's words for why nothing answered, in the run's language; any other reason as it came. */
const UNREACHABLE = { 'connection refused': 'part.http.refused', 'no answer in time': 'part.http.noAnswer', 'connection reset': 'part.http.reset' } as const;
const unreachablePhrase = (reason: string): MessageValue => (reason in UNREACHABLE ? phrase(UNREACHABLE[reason as keyof typeof UNREACHABLE]) : reason);

const waitedText = (waitedMs: number, starting: Phrase | undefined): MessageValue =>
  starting && waitedMs >= 1_000 ? phrase('part.http.waited', { seconds: (waitedMs / 1000).toFixed(1), why: starting }) : '';

export default defineCheckKind<Params, 'ok' | 'unreachable' | 'status' | 'redirectAway' | 'content'>({
  meta: {
    kind: 'http.get',
    description: 'An HTTP GET on a port published by the graded host answers with the expected status and content.',
    params: {
      type: 'object',
      properties: {
        port: portNumberSchema,
        path: { type: 'string', pattern: '^/', nullable: true },
        status: { type: 'integer', minimum: 100, maximum: 599, nullable: true },
        contains: { type: 'string', minLength: 1, nullable: true },
        matches: { type: 'string', format: 'regex', nullable: true },
        followRedirects: { type: 'boolean', nullable: true },
        waitMs: { type: 'integer', minimum: 0, maximum: 60_000, nullable: true },
      },
      required: ['port'],
      additionalProperties: false,
    },
    messages: {
      ok: 'GET {{url}} answered {{status}}{{with}}{{waited}}',
      unreachable: 'Nothing answers at {{url}} ({{reason}}){{waited}}',
      status: 'GET {{url}} answered {{actual}}, expected {{expected}}{{waited}}',
      redirectAway:
        'GET {{url}} answered {{actual}}, a redirect to {{location}} on another host or port, which grade does not follow; expected {{expected}}{{waited}}',
      content: 'GET {{url}} answered {{status}} with {{summary}}, which lacks {{wanted}}',
    },
    messagesIt: {
      ok: 'GET {{url}} ha risposto {{status}}{{with}}{{waited}}',
      unreachable: 'Nessuno risponde a {{url}} ({{reason}}){{waited}}',
      status: 'GET {{url}} ha risposto {{actual}}, atteso {{expected}}{{waited}}',
      redirectAway:
        'GET {{url}} ha risposto {{actual}}, un redirect a {{location}} su un altro host o porta, che grade non segue; atteso {{expected}}{{waited}}',
      content: 'GET {{url}} ha risposto {{status}} con {{summary}}, in cui manca {{wanted}}',
    },
  },
  async evaluate(p, ctx) {
    const url = ctx.http.urlFor(p.port, p.path ?? '/');
    const expectedStatus = p.status ?? 200;
    const follow = p.followRedirects ?? true;
    const command = `curl -s${follow ? 'L' : ''} -o /dev/null -w '%{http_code}\\n' ${url.replace(ctx.http.host, 'localhost')}`;
    const expected = { status: expectedStatus, ...(p.contains ? { contains: p.contains } : {}), ...(p.matches ? { matches: p.matches } : {}) };
    const { attempt, waitedMs, starting } = await getWhileStarting(ctx, url, {
      port: p.port,
      followRedirects: follow,
      waitMs: p.waitMs ?? 3_000,
      expectedStatus,
    });
    const waited = waitedText(waitedMs, starting);
    // Evidence is a record of what was seen, kept in English like the engine's own words.
    const waitEvidence = starting ? { waitedMs, starting: renderValue('en', starting) } : {};
    if ('unreachable' in attempt) {
      const reason = attempt.unreachable;
      return {
        status: 'fail',
        messageId: 'unreachable',
        data: { url, reason: unreachablePhrase(reason), waited },
        evidence: { expected, actual: starting ? { reason, ...waitEvidence } : reason, command },
      };
    }
    const { res } = attempt;
    const actual = {
      status: res.status,
      url: res.url,
      redirects: res.chain.slice(1),
      ...(res.offHostLocation ? { location: res.offHostLocation, notFollowed: 'another host or port' } : {}),
      page: renderValue('en', pageSummary(res.body)),
      ...waitEvidence,
    };
    const evidence = { expected, actual, command };
    if (res.status !== expectedStatus && res.offHostLocation) {
      const data = { url: res.url, actual: res.status, location: res.offHostLocation, expected: expectedStatus, waited };
      return { status: 'fail', messageId: 'redirectAway', data, evidence };
    }
    if (res.status !== expectedStatus) {
      return { status: 'fail', messageId: 'status', data: { url: res.url, actual: res.status, expected: expectedStatus, waited }, evidence };
    }
    const missing: string[] = [];
    // A pattern in words (patternInWords); the pattern itself stays in the evidence.
    const inWords = (items: string[]) => items.map((i) => (i.startsWith('"') ? i : patternInWords(i, 'bare')));
    const both = (items: MessageValue[]): MessageValue => (items.length === 2 ? phrase('part.both', { first: items[0], second: items[1] }) : items[0]);
    if (p.contains && !res.body.toLowerCase().includes(p.contains.toLowerCase())) missing.push(`"${p.contains}"`);
    if (p.matches && !new RegExp(p.matches, 'i').test(res.body)) missing.push(p.matches);
    if (missing.length) {
      return {
        status: 'fail',
        messageId: 'content',
        data: { url: res.url, status: res.status, summary: pageSummary(res.body), wanted: both(inWords(missing)) },
        evidence,
      };
    }
    const wanted = [p.contains ? `"${p.contains}"` : '', p.matches ?? ''].filter(Boolean);
    const withText = wanted.length ? phrase('part.http.containing', { wanted: both(inWords(wanted)) }) : '';
    return { status: 'pass', messageId: 'ok', data: { url: res.url, status: res.status, with: withText, waited }, evidence };
  },
});
