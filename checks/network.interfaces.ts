import { defineCheckKind, type CheckContext, type Verdict } from '../src/check/kind';
import type { ContainerDetails } from '../src/docker/engine';
import { containerName, containerSelectorSchema, noContainerVerdict, selectContainers, type ContainerSelector } from '../src/check/container-selection';

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

/**
 * Interface names from `ip address show` / `ip link` output as a terminal showed
 * it ("1: lo: <LOOPBACK,UP> …", "5: eth0@if6: <…>"); the prompt line that
 * echoes the command does not match.
 */
export function interfacesFromIpOutput(text: string): string[] {
  const names = [...text.matchAll(/^\s*\d+:\s+([^:\s@]+)(?:@\S+)?:\s+</gm)].map((m) => m[1]!);
  return [...new Set(names)];
}

/** `docker logs --timestamps` lines without their timestamps, and without the terminal's carriage returns. */
const logText = (logs: { stdout: string; stderr: string }) => `${logs.stdout}${logs.stderr}`.replace(/\r/g, '').replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z ?/gm, '');

export default defineCheckKind<Params, 'ok' | 'okFromLog' | 'notRunning' | 'extra' | 'noProbe'>({
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
      okFromLog: '{{name}} has exited; the ip address show it printed lists only {{interfaces}}',
      notRunning: 'There is no running {{what}}, and none that exited after showing its interfaces (ip address show)',
      extra: '{{name}} also has {{extra}} (interfaces: {{interfaces}})',
      noProbe: 'Cannot look inside {{name}}: {{reason}}',
    },
    messagesIt: {
      ok: 'Dentro {{name}} c’è solo {{interfaces}}',
      okFromLog: '{{name}} è terminato; l’ip address show che ha stampato elenca solo {{interfaces}}',
      notRunning: 'Non c’è {{what}} in esecuzione, né uno terminato dopo aver mostrato le sue interfacce (ip address show)',
      extra: '{{name}} ha anche {{extra}} (interfacce: {{interfaces}})',
      noProbe: 'Impossibile guardare dentro {{name}}: {{reason}}',
    },
  },
  async evaluate(p, ctx) {
    const all = await selectContainers(ctx.engine, p.select);
    const running = all.filter((c) => c.State.Running);
    // The slide types ip address show in an -it session, then exit: an exited container's
    // terminal log still shows what it listed.
    if (running.length === 0) return interfacesFromLogs(all, p, ctx);
    const seen = [];
    for (const c of running) {
      const name = containerName(c);
      // Read inside the container itself when it has cat (docker exec: nothing started, nothing changed);
      // else from a probe that joins its network namespace.
      const inside = await ctx.engine.execRead(c.Id, ['cat', '/proc/net/dev'], ctx.signal);
      let procNetDev: string;
      if (inside?.exitCode === 0) procNetDev = inside.output;
      else {
        const out = await ctx.engine.probe(
          { image: c.Image, entrypoint: ['cat'], cmd: ['/proc/net/dev'], networkMode: `container:${c.Id}`, timeoutMs: 10_000 },
          ctx.signal,
        );
        if (out.startError || out.exitCode !== 0) {
          return { status: 'error', messageId: 'noProbe', data: { name, reason: out.startError ?? (out.stderr.trim() || `exit ${out.exitCode}`) } };
        }
        procNetDev = out.stdout;
      }
      const interfaces = interfacesOf(procNetDev);
      const extra = interfaces.filter((i) => !p.only.includes(i));
      const evidence = { expected: { only: p.only }, actual: interfaces, command: `docker exec ${name} ip address show` };
      if (extra.length === 0) return { status: 'pass', messageId: 'ok', data: { name, interfaces: interfaces.join(', ') }, evidence };
      seen.push({ name, interfaces, extra, evidence });
    }
    return extraInterfaces(seen[0]!);
  },
});

type Seen = { name: string; interfaces: string[]; extra: string[]; evidence: { expected: unknown; actual: unknown; command: string } };

/** The first container that has more than `only` allows, whether read live or from what it printed. */
function extraInterfaces(first: Seen): Verdict<'extra'> {
  return {
    status: 'fail',
    messageId: 'extra',
    data: { name: first.name, extra: first.extra.join(', '), interfaces: first.interfaces.join(', ') },
    evidence: first.evidence,
  };
}

async function interfacesFromLogs(exited: readonly ContainerDetails[], p: Params, ctx: CheckContext): Promise<Verdict<'okFromLog' | 'notRunning' | 'extra'>> {
  const seen: Seen[] = [];
  for (const c of [...exited].sort((a, b) => Date.parse(b.Created) - Date.parse(a.Created))) {
    const name = containerName(c);
    const interfaces = interfacesFromIpOutput(logText(await ctx.engine.logs(c.Id, 200)));
    if (!interfaces.length) continue;
    const extra = interfaces.filter((i) => !p.only.includes(i));
    const evidence = { expected: { only: p.only }, actual: { state: c.State.Status, listedInLog: interfaces }, command: `docker logs ${name}` };
    if (extra.length === 0) return { status: 'pass', messageId: 'okFromLog', data: { name, interfaces: interfaces.join(', ') }, evidence };
    seen.push({ name, interfaces, extra, evidence });
  }
  if (seen[0]) return extraInterfaces(seen[0]);
  return noContainerVerdict(p.select, 'notRunning');
}
