import { undiciAgent, undiciRequest } from '../http/undici-request';
import { errorMessage } from '../errors/setup-error';
import type { GradeResult } from '../result/types';
import { withDeadline } from '../time/deadline';

/** What became of one push; a duplicate means the board had it already (a retry after a lost answer). */
export type PushOutcome =
  { kind: 'stored' } | { kind: 'duplicate' } | { kind: 'refused'; status: number; message: string } | { kind: 'unreachable'; message: string };

/** A refusal that sending again will not change (the result is dropped); 429 and 5xx are worth another try. */
export function isFinal(o: PushOutcome): boolean {
  return o.kind === 'stored' || o.kind === 'duplicate' || (o.kind === 'refused' && o.status < 500 && o.status !== 429);
}

/**
 * The one way results reach a board, for SSH rounds and student runs alike:
 * `POST /api/results` with a bearer credential and an idempotency key, so a
 * retry is stored once. Never throws: every failure is an outcome.
 */
export class BoardClient {
  private readonly agent = undiciAgent({ keepAliveTimeout: 2000, connections: 16 });

  constructor(
    readonly url: string,
    private readonly credential: string,
  ) {}

  async push(result: GradeResult, idempotencyKey: string, signal: AbortSignal): Promise<PushOutcome> {
    try {
      const res = await undiciRequest(new URL('/api/results', this.url), {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.credential}`, 'idempotency-key': idempotencyKey },
        body: JSON.stringify(result),
        signal,
      });
      const body = (await res.body.json().catch(() => ({}))) as { error?: string };
      if (res.statusCode === 201) return { kind: 'stored' };
      if (res.statusCode === 409) return { kind: 'duplicate' };
      return { kind: 'refused', status: res.statusCode, message: body.error ?? `HTTP ${res.statusCode}` };
    } catch (e) {
      return { kind: 'unreachable', message: signal.aborted ? 'no answer in time' : errorMessage(e) };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** `grade init --board URL --join CODE`: trades the class's join code for this student's own token. */
export async function joinBoard(
  url: string,
  code: string,
  studentId: string,
  timeoutMs = 10_000,
): Promise<{ token: string; student: { id: string; name: string } }> {
  const { res, body } = await withDeadline('board join', timeoutMs, undefined, async (d) => {
    const res = await undiciRequest(new URL('/api/join', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, studentId }),
      signal: d.signal,
    });
    return { res, body: (await res.body.json().catch(() => ({}))) as { token?: string; student?: { id: string; name: string }; error?: string } };
  });
  if (res.statusCode !== 201 || !body.token || !body.student) throw new Error(body.error ?? `HTTP ${res.statusCode}`);
  return { token: body.token, student: body.student };
}
