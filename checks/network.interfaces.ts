import { defineCheckKind } from '../src/check/kind';
import {
  containerName,
  containerSelectorSchema,
  describeSelector,
  selectContainers,
  selectorPsCommand,
  type ContainerSelector,
} from '../src/check/container-selection';

interface Params {
  select: ContainerSelector;
  /** The only interfaces allowed inside, e.g. [lo]. */
  only: string[];
}

/** Interface names from /proc/net/dev ("  eth0: 1234 …"), readable with nothing but cat. */
export function interfacesOf(procNetDev: string): string[] {
  return procNetDev
    .split('\n')
    .map((l) => /^\s*([^\s:]+):/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
}

export default defineCheckKind<Params, 'ok' | 'notRunning' | 'extra' | 'noProbe'>({
  meta: {
    kind: 'network.interfaces',
    description: 'The network interfaces inside a running container, read from its own network namespace by a probe (what `ip address show` lists there).',
    params: {
      type: 'object',
      properties: {
        select: containerSelectorSchema,
        only: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      },
      required: ['select', 'only'],
      additionalProperties: false,
    },
    messages: {
      ok: 'Inside {{name}} there is only {{interfaces}}',
      notRunning: 'There is no running {{what}}: its network can only be seen while it runs',
      extra: '{{name}} also has {{extra}} (interfaces: {{interfaces}})',
      noProbe: 'Cannot look inside {{name}}: {{reason}}',
    },
  },
  async evaluate(p, ctx) {
    const what = describeSelector(p.select);
    const running = (await selectContainers(ctx.engine, p.select)).filter((c) => c.State.Running);
    if (running.length === 0) return { status: 'fail', messageId: 'notRunning', data: { what }, evidence: { command: selectorPsCommand(p.select) } };
    const seen = [];
    for (const c of running) {
      const name = containerName(c);
      const out = await ctx.engine.probe(
        { image: c.Image, entrypoint: ['cat'], cmd: ['/proc/net/dev'], networkMode: `container:${c.Id}`, timeoutMs: 10_000 },
        ctx.signal,
      );
      if (out.startError || out.exitCode !== 0) {
        return { status: 'error', messageId: 'noProbe', data: { name, reason: out.startError ?? (out.stderr.trim() || `exit ${out.exitCode}`) } };
      }
      const interfaces = interfacesOf(out.stdout);
      const extra = interfaces.filter((i) => !p.only.includes(i));
      const evidence = { expected: { only: p.only }, actual: interfaces, command: `docker exec ${name} ip address show` };
      if (extra.length === 0) return { status: 'pass', messageId: 'ok', data: { name, interfaces: interfaces.join(', ') }, evidence };
      seen.push({ name, interfaces, extra, evidence });
    }
    const first = seen[0]!;
    return {
      status: 'fail',
      messageId: 'extra',
      data: { name: first.name, extra: first.extra.join(', '), interfaces: first.interfaces.join(', ') },
      evidence: first.evidence,
    };
  },
});
