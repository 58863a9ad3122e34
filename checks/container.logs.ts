import { patternInWords } from '../src/check/pattern-words';
import { defineCheckKind, phrase } from '../src/check/kind';
import { containerName, containerSelectorSchema, noContainerVerdict, selectContainers, type ContainerSelector } from '../src/check/container-selection';

interface Params {
  select: ContainerSelector;
  /** Regular expression a log line must match to count. */
  pattern: string;
  /** How many matching lines among the last `tail` (default 3). */
  minLines?: number;
  /** The newest line must be at most this old, on the engine's clock (a loop still printing). */
  freshSeconds?: number;
  /** Lines read from the end of the log (default 50). */
  tail?: number;
}

/** `2026-11-28T00:57:03.123456789Z text` → time and text (docker logs --timestamps). */
function parseLine(line: string): { at: number; text: string } | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (.*)$/.exec(line);
  return m ? { at: Date.parse(m[1]!), text: m[2]! } : undefined;
}

export default defineCheckKind<Params, 'ok' | 'okStopped' | 'notFound' | 'tooFew' | 'stale' | 'staleStopped'>({
  meta: {
    kind: 'container.logs',
    description: 'What a container writes to its stdout/stderr (docker logs): lines matching a pattern, and the newest one recent enough.',
    params: {
      type: 'object',
      properties: {
        select: containerSelectorSchema,
        pattern: { type: 'string', format: 'regex' },
        minLines: { type: 'integer', minimum: 1, nullable: true },
        freshSeconds: { type: 'integer', minimum: 1, nullable: true },
        tail: { type: 'integer', minimum: 1, maximum: 1000, nullable: true },
      },
      required: ['select', 'pattern'],
      additionalProperties: false,
    },
    messages: {
      ok: '{{name}} logged {{count}} matching line(s), the newest {{age}} s ago: {{last}}',
      notFound: 'There is no {{what}}',
      tooFew: '{{name}} logged {{count}} line(s) {{pattern}} (at least {{min}} expected); last lines: {{last}}',
      okStopped: '{{name}} was stopped; it logged {{count}} matching line(s) until then, the newest {{age}} s before it stopped: {{last}}',
      stale: 'The newest line in the log of {{name}} is {{age}} s old: it stopped printing',
      staleStopped: '{{name}} was stopped, and the newest line in its log is {{age}} s older than that: it had stopped printing before',
    },
    messagesIt: {
      ok: '{{name}} ha scritto {{count}} righe che corrispondono, la più recente {{age}} s fa: {{last}}',
      notFound: 'Non c’è {{what}}',
      tooFew: '{{name}} ha scritto {{count}} righe {{pattern}} (almeno {{min}} attese); ultime righe: {{last}}',
      okStopped: '{{name}} è stato fermato; fino ad allora ha scritto {{count}} righe che corrispondono, la più recente {{age}} s prima dello stop: {{last}}',
      stale: 'La riga più recente nel log di {{name}} ha {{age}} s: ha smesso di scrivere',
      staleStopped: '{{name}} è stato fermato, e la riga più recente nel suo log è di {{age}} s prima: aveva già smesso di scrivere',
    },
  },
  async evaluate(p, ctx) {
    const candidates = (await selectContainers(ctx.engine, p.select)).sort((a, b) => Number(b.State.Running) - Number(a.State.Running));
    const c = candidates[0];
    if (!c) return noContainerVerdict(p.select, 'notFound');
    const name = containerName(c);
    const [logs, now] = await Promise.all([ctx.engine.logs(c.Id, p.tail ?? 50), ctx.engine.systemTime()]);
    const lines = `${logs.stdout}${logs.stderr}`
      .split('\n')
      .map(parseLine)
      .filter((l): l is { at: number; text: string } => l !== undefined)
      .sort((a, b) => a.at - b.at);
    const pattern = new RegExp(p.pattern);
    const matching = lines.filter((l) => pattern.test(l.text));
    const lastText = (xs: { text: string }[]) =>
      xs
        .slice(-3)
        .map((l) => `"${l.text.slice(0, 80)}"`)
        .join(', ') || phrase('part.logs.none');
    const newest = lines[lines.length - 1];
    // A stopped container (the slide ends with docker stop test1) is judged at the moment it stopped.
    const stoppedAt = c.State.Running ? undefined : Date.parse(c.State.FinishedAt);
    const until = stoppedAt !== undefined && Number.isFinite(stoppedAt) && stoppedAt > 0 ? stoppedAt : undefined;
    const age = newest ? Math.max(0, Math.round(((until ?? now.getTime()) - newest.at) / 1000)) : Infinity;
    const evidence = {
      expected: { pattern: p.pattern, minLines: p.minLines ?? 3, ...(p.freshSeconds ? { freshSeconds: p.freshSeconds } : {}) },
      actual: {
        state: c.State.Status,
        matching: matching.length,
        [until !== undefined ? 'newestSecondsBeforeStop' : 'newestAgeSeconds']: Number.isFinite(age) ? age : null,
        last: lines.slice(-5).map((l) => l.text),
      },
      command: `docker logs --tail 10 --timestamps ${name}`,
    };
    const min = p.minLines ?? 3;
    if (matching.length < min) {
      return {
        status: 'fail',
        messageId: 'tooFew',
        data: { name, count: matching.length, pattern: patternInWords(p.pattern, 'qualifier'), min, last: lastText(lines) },
        evidence,
      };
    }
    if (p.freshSeconds !== undefined && age > p.freshSeconds)
      return { status: 'fail', messageId: until !== undefined ? 'staleStopped' : 'stale', data: { name, age }, evidence };
    return {
      status: 'pass',
      messageId: until !== undefined ? 'okStopped' : 'ok',
      data: { name, count: matching.length, age, last: lastText(matching.slice(-1)) },
      evidence,
    };
  },
});
