import { defineCheckKind, type CheckKind } from '../check/kind';
import type { CheckSpec, Exercise } from '../exercise/exercise';
import { LocalTarget } from '../grading-target/local/local-target';
import type { OpenTarget } from '../grading-target/target';
import { leftoverProbes } from '../../test/support/host-state';
import type { Plan, PlannedCheck } from './plan';
import { runPlan } from './run';

/** Kinds made for these tests: the runner's contract, not a check's. */
const sleepy = (ms: number, status: 'pass' | 'fail' = 'pass', onRun?: () => void) =>
  defineCheckKind<Record<string, never>, 'done'>({
    meta: {
      kind: 'test.sleepy',
      description: 'waits then answers',
      params: { type: 'object', properties: {}, required: [] } as never,
      messages: { done: 'done after {{ms}} ms' },
      messagesIt: { done: 'finito dopo {{ms}} ms' },
    },
    async evaluate(_p, ctx) {
      onRun?.();
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(t);
          resolve();
        });
      });
      return { status, messageId: 'done', data: { ms } };
    },
  });

const throwing = defineCheckKind<Record<string, never>, 'never'>({
  meta: {
    kind: 'test.throwing',
    description: 'throws',
    params: { type: 'object', properties: {}, required: [] } as never,
    messages: { never: '' },
    messagesIt: { never: '' },
  },
  async evaluate() {
    throw new Error('boom');
  },
});

const inspectsUbuntu = defineCheckKind<Record<string, never>, 'seen'>({
  meta: {
    kind: 'test.inspects',
    description: 'reads image ubuntu',
    params: { type: 'object', properties: {}, required: [] } as never,
    messages: { seen: 'seen' },
    messagesIt: { seen: 'visto' },
  },
  async evaluate(_p, ctx) {
    await ctx.engine.image('ubuntu');
    await ctx.engine.containers();
    return { status: 'pass', messageId: 'seen' };
  },
});

const probing = defineCheckKind<Record<string, never>, 'ran'>({
  meta: {
    kind: 'test.probing',
    description: 'runs a long probe',
    params: { type: 'object', properties: {}, required: [] } as never,
    messages: { ran: 'ran' },
    messagesIt: { ran: 'eseguito' },
  },
  async evaluate(_p, ctx) {
    await ctx.engine.probe({ image: 'alpine', cmd: ['sleep', '30'], timeoutMs: 60_000 }, ctx.signal);
    return { status: 'pass', messageId: 'ran' };
  },
});

function planOf(
  checks: { id: string; kind: CheckKind<Record<string, never>, string>; points?: number; needs?: string[]; bonus?: boolean; timeoutMs?: number }[],
): Plan {
  const specs: CheckSpec[] = checks.map((c) => ({
    id: c.id,
    title: `check ${c.id}`,
    kind: c.kind.meta.kind,
    points: c.points ?? 10,
    params: {},
    ...(c.needs ? { needs: c.needs } : {}),
    ...(c.bonus ? { bonus: true } : {}),
    ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
  }));
  const exercise: Exercise = { id: 'demo', title: 'Demo', slides: ['A slide'], checks: specs, file: 'demo.yaml' };
  const planned: PlannedCheck[] = specs.map((spec, i) => ({
    exercise,
    spec,
    kind: checks[i]!.kind as CheckKind<unknown, string>,
    params: {},
    title: spec.title,
  }));
  return { exercises: [{ exercise, checks: planned }], notGraded: [] };
}

describe('runner', () => {
  let target: OpenTarget;
  beforeAll(async () => {
    target = await new LocalTarget().open();
  });
  afterAll(async () => {
    await target.close();
  });

  test('a check whose need did not pass is skipped, with the reason', async () => {
    const plan = planOf([
      { id: 'a', kind: sleepy(10, 'fail') },
      { id: 'b', kind: sleepy(10), needs: ['a'] },
      { id: 'c', kind: sleepy(10), needs: ['b'] },
      { id: 'd', kind: sleepy(10) },
    ]);
    const r = await runPlan(plan, target);
    const [a, b, c, d] = r.exercises[0]!.checks;
    expect([a!.status, b!.status, c!.status, d!.status]).toEqual(['fail', 'skip', 'skip', 'pass']);
    expect(b!.message).toBe('Skipped: needs "check a" (failed)');
    expect(c!.message).toBe('Skipped: needs "check b" (skipped)');
    expect(r.exercises[0]!.score).toEqual({ points: 10, max: 40 });
    expect(d!.message).toBe('done after 10 ms');
  });

  test('an exception is an error, never a fail, and costs the points', async () => {
    const r = await runPlan(planOf([{ id: 'x', kind: throwing }]), target);
    expect(r.exercises[0]!.checks[0]).toMatchObject({ status: 'error', points: 0, message: 'The grader could not decide: boom' });
  });

  test('a check over its time limit is an error', async () => {
    const r = await runPlan(planOf([{ id: 'slow', kind: sleepy(5_000), timeoutMs: 200 }]), target);
    expect(r.exercises[0]!.checks[0]).toMatchObject({ status: 'error', message: 'The grader could not decide: the check did not finish within 0.2 s' });
    expect(r.exercises[0]!.checks[0]!.durationMs).toBeLessThan(1_000);
  });

  test('independent checks run concurrently, never more than the limit', async () => {
    let running = 0;
    let peak = 0;
    const track = () => {
      running++;
      peak = Math.max(peak, running);
      setTimeout(() => running--, 100);
    };
    const checks = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, kind: sleepy(100, 'pass', track) }));
    const t0 = Date.now();
    await runPlan(planOf(checks), target, { concurrency: 3 });
    const elapsed = Date.now() - t0;
    expect(peak).toBe(3);
    expect(elapsed).toBeLessThan(6 * 100); // not one after the other
  });

  test('bonus points count, but never beyond the maximum', async () => {
    const r = await runPlan(
      planOf([
        { id: 'a', kind: sleepy(1), points: 60 },
        { id: 'b', kind: sleepy(1, 'fail'), points: 40 },
        { id: 'bonus', kind: sleepy(1), points: 50, bonus: true },
      ]),
      target,
    );
    expect(r.exercises[0]!.score).toEqual({ points: 100, max: 100 });
    expect(r.score).toEqual({ points: 100, max: 100 });
  });

  test('reads are shared between checks: one inspect of ubuntu for five checks', async () => {
    const inspect = jest.spyOn(target.engine, 'inspectImage');
    const list = jest.spyOn(target.engine, 'listContainers');
    try {
      await runPlan(planOf(Array.from({ length: 5 }, (_, i) => ({ id: `i${i}`, kind: inspectsUbuntu }))), target);
      expect(inspect).toHaveBeenCalledTimes(1);
      expect(list).toHaveBeenCalledTimes(1);
    } finally {
      inspect.mockRestore();
      list.mockRestore();
    }
  });

  test('interrupting the run stops its checks and removes their probes', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const run = runPlan(
      planOf([
        { id: 'p1', kind: probing },
        { id: 'p2', kind: probing },
      ]),
      target,
      { signal: abort.signal },
    );
    // Wait until the probes exist, then interrupt.
    for (let i = 0; i < 50 && (await leftoverProbes()).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await leftoverProbes()).length).toBe(2);
    abort.abort();
    const r = await run;
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.exercises[0]!.checks.map((c) => c.status)).toEqual(['error', 'error']);
    expect(r.exercises[0]!.checks[0]!.message).toMatch(/interrupted/);
    expect(await leftoverProbes()).toEqual([]);
  });
});
