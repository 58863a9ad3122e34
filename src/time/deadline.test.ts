import { execFile } from 'node:child_process';
import { getEventListeners } from 'node:events';
import path from 'node:path';
import { promisify } from 'node:util';
import { linkedAbort, LimitReached, startDeadline, within } from './deadline';

const ROOT = path.resolve(__dirname, '..', '..');

describe('startDeadline', () => {
  test('aborts at its limit with a reason naming the limit', async () => {
    const d = startDeadline('engine call (list images)', 50);
    await new Promise((r) => d.signal.addEventListener('abort', r, { once: true }));
    expect(d.expired).toBe(true);
    expect(d.signal.reason).toBeInstanceOf(LimitReached);
    expect((d.signal.reason as LimitReached).message).toBe('engine call (list images): no end within 0.05 s');
    expect((d.signal.reason as Error).name).toBe('TimeoutError');
  });

  test('follows its parent, and says it was not the limit', () => {
    const parent = new AbortController();
    const d = startDeadline('step', 60_000, parent.signal);
    parent.abort('ctrl-c');
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe('ctrl-c');
    expect(d.expired).toBe(false);
  });

  test('a parent already aborted aborts it at once', () => {
    const parent = new AbortController();
    parent.abort('before');
    expect(startDeadline('step', 60_000, parent.signal).signal.reason).toBe('before');
    expect(linkedAbort(parent.signal).signal.aborted).toBe(true);
  });

  test('dispose clears the timer and leaves no listener on the parent', async () => {
    const parent = new AbortController();
    const listeners = () => getEventListeners(parent.signal, 'abort').length;
    const before = listeners();
    const d = startDeadline('step', 30, parent.signal);
    expect(listeners()).toBe(before + 1);
    d.dispose();
    expect(listeners()).toBe(before);
    await new Promise((r) => setTimeout(r, 80));
    expect(d.signal.aborted).toBe(false);
  });

  test('endsAt is the instant its timer was set for, and a parent already aborted does not change it', async () => {
    const before = Date.now();
    const d = startDeadline('check', 40);
    const after = Date.now();
    expect(d.endsAt).toBeGreaterThanOrEqual(before + 40);
    expect(d.endsAt).toBeLessThanOrEqual(after + 40);
    await new Promise((r) => d.signal.addEventListener('abort', r, { once: true }));
    // Timers never fire early; Date.now() may read a millisecond behind the timer's clock.
    expect(Date.now()).toBeGreaterThanOrEqual(d.endsAt - 1);
    const parent = new AbortController();
    parent.abort('before');
    const aborted = startDeadline('check', 60_000, parent.signal);
    expect(aborted.endsAt).toBeGreaterThanOrEqual(after + 60_000);
    aborted.dispose();
  });

  test('within: the work gets the signal, the timer ends with the work', async () => {
    await expect(within(20, (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))))).rejects.toThrow(
      'a 0.02 s limit: no end within 0.02 s',
    );
    expect(await within(60_000, async () => 'done')).toBe('done');
  });
});

describe('a deadline fires after a garbage collection (nodejs/node issue 57736)', () => {
  // A child with --expose-gc: collect at once, then keep collecting while the limit runs. The two children wait out
  // their limits at the same time.
  const child = (body: string) =>
    promisify(execFile)(
      process.execPath,
      [
        '--expose-gc',
        '-e',
        `const { startDeadline } = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'time', 'deadline.js'))});
         const t0 = Date.now();
         const keepAlive = setInterval(() => gc(), 100);
         const give = setTimeout(() => { console.log('never'); process.exit(0); }, 4000);
         ${body}
         const parent = new AbortController();
         make(parent.signal).addEventListener('abort', () => { console.log('fired ' + (Date.now() - t0)); process.exit(0); });
         gc();`,
      ],
      { timeout: 20_000 },
    );

  test.concurrent('startDeadline following a parent fires at its limit with GCs while it waits', async () => {
    const { stdout } = await child(`const make = (p) => startDeadline('test', 1500, p).signal;`);
    expect(stdout).toMatch(/^fired 1[5-9]\d\d\n$/);
  });

  test.concurrent('the pattern it replaces never fires (why test/source-guards.test.ts refuses it)', async () => {
    const { stdout } = await child(`const make = (p) => AbortSignal.any([p, AbortSignal.timeout(1500)]);`);
    // Node 20, the project's Node, has the bug; a later Node may have the fix (nodejs/node pull request 57867).
    if (process.versions.node.startsWith('20.')) expect(stdout).toBe('never\n');
    else expect(stdout).toMatch(/^(never|fired \d+)\n$/);
  });
});
