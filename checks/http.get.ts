import { defineCheckKind } from '../src/check/kind';
import { HttpUnreachableError } from '../src/http/http-client';

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

function pageSummary(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  if (title) return `page titled "${title}"`;
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? `"${text.length > 120 ? `${text.slice(0, 117)}...` : text}"` : 'an empty page';
}

export default defineCheckKind<Params, 'ok' | 'unreachable' | 'status' | 'redirectAway' | 'content'>({
  meta: {
    kind: 'http.get',
    description: 'An HTTP GET on a port published by the graded host answers with the expected status and content.',
    params: {
      type: 'object',
      properties: {
        port: { type: 'integer', minimum: 1, maximum: 65535 },
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
      ok: 'GET {{url}} answered {{status}}{{with}}',
      unreachable: 'Nothing answers at {{url}} ({{reason}})',
      status: 'GET {{url}} answered {{actual}}, expected {{expected}}',
      redirectAway: 'GET {{url}} answered {{actual}}, a redirect to {{location}} on another host or port, which grade does not follow; expected {{expected}}',
      content: 'GET {{url}} answered {{status}} with {{summary}}, which lacks {{wanted}}',
    },
  },
  async evaluate(p, ctx) {
    const url = ctx.http.urlFor(p.port, p.path ?? '/');
    const expectedStatus = p.status ?? 200;
    const follow = p.followRedirects ?? true;
    const command = `curl -s${follow ? 'L' : ''} -o /dev/null -w '%{http_code}\\n' ${url.replace(ctx.http.host, 'localhost')}`;
    const expected = { status: expectedStatus, ...(p.contains ? { contains: p.contains } : {}), ...(p.matches ? { matches: p.matches } : {}) };
    let res;
    try {
      res = await ctx.http.get(url, { followRedirects: follow, waitMs: p.waitMs ?? 3_000, signal: ctx.signal });
    } catch (e) {
      if (e instanceof HttpUnreachableError) {
        return { status: 'fail', messageId: 'unreachable', data: { url, reason: e.reason }, evidence: { expected, actual: e.reason, command } };
      }
      throw e;
    }
    const actual = {
      status: res.status,
      url: res.url,
      redirects: res.chain.slice(1),
      ...(res.offHostLocation ? { location: res.offHostLocation, notFollowed: 'another host or port' } : {}),
      page: pageSummary(res.body),
    };
    const evidence = { expected, actual, command };
    if (res.status !== expectedStatus && res.offHostLocation) {
      const data = { url: res.url, actual: res.status, location: res.offHostLocation, expected: expectedStatus };
      return { status: 'fail', messageId: 'redirectAway', data, evidence };
    }
    if (res.status !== expectedStatus) {
      return { status: 'fail', messageId: 'status', data: { url: res.url, actual: res.status, expected: expectedStatus }, evidence };
    }
    const missing: string[] = [];
    if (p.contains && !res.body.toLowerCase().includes(p.contains.toLowerCase())) missing.push(`"${p.contains}"`);
    if (p.matches && !new RegExp(p.matches, 'i').test(res.body)) missing.push(`/${p.matches}/`);
    if (missing.length) {
      return {
        status: 'fail',
        messageId: 'content',
        data: { url: res.url, status: res.status, summary: pageSummary(res.body), wanted: missing.join(' and ') },
        evidence,
      };
    }
    const wanted = [p.contains && `"${p.contains}"`, p.matches && `/${p.matches}/`].filter(Boolean).join(' and ');
    return { status: 'pass', messageId: 'ok', data: { url: res.url, status: res.status, with: wanted ? `, containing ${wanted}` : '' }, evidence };
  },
});
