import { BoardClient, type PushOutcome } from '../src/board/board-client';
import { catalogResult } from '../test/support/board-fixture';
import { within } from '../src/time/deadline';

export const BENCH_EXERCISES = ['first_steps', 'ubuntu_with_ping', 'web_server', 'volumes', 'network_none', 'bridge_isolation', 'logging', 'portainer'];

/** What the board answered the simulated students: every key sent (student by key), those acknowledged, latencies, refusals. */
export interface PushLog {
  latencies: number[];
  attempted: Map<string, string>;
  acknowledged: Set<string>;
  failures: string[];
  timeouts: number;
}

export const newPushLog = (): PushLog => ({ latencies: [], attempted: new Map(), acknowledged: new Set(), failures: [], timeouts: 0 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One simulated student of the board benchmarks: a result every `everyMs`
 * until `until`, like a student's queue — a push that got no answer is sent
 * again with the same key before the next one. `afterStored` runs after each
 * acknowledged push (the benchmark's deliberate retries).
 */
export async function honestStudent(
  url: string,
  token: string,
  id: string,
  opts: {
    everyMs: number;
    until: number;
    afterStored?: (client: BoardClient, key: string, result: ReturnType<typeof catalogResult>, n: number) => Promise<void>;
  },
  log: PushLog,
): Promise<void> {
  const client = new BoardClient(url, token);
  let n = 0;
  await sleep(Math.random() * opts.everyMs);
  let unanswered: { key: string; result: ReturnType<typeof catalogResult> } | undefined;
  while (Date.now() < opts.until) {
    const tick = Date.now();
    const ex = BENCH_EXERCISES[n % BENCH_EXERCISES.length]!;
    const next = unanswered ?? { key: `${id}-push-${n}`, result: catalogResult(id, { [ex]: (n % 5) + 1 }) };
    log.attempted.set(next.key, id);
    const t0 = performance.now();
    const outcome: PushOutcome = await within(10_000, (signal) => client.push(next.result, next.key, signal));
    log.latencies.push(performance.now() - t0);
    unanswered = undefined;
    if (outcome.kind === 'stored' || outcome.kind === 'duplicate') log.acknowledged.add(next.key);
    else if (outcome.kind === 'unreachable') {
      log.timeouts++;
      unanswered = next;
    } else log.failures.push(`${next.key}: ${JSON.stringify(outcome)}`);
    if (!unanswered) {
      await opts.afterStored?.(client, next.key, next.result, n);
      n++;
    }
    await sleep(opts.everyMs - (Date.now() - tick));
  }
  await client.close();
}
