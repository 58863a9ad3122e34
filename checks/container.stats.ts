import { defineCheckKind, joined, phrase, type Phrase } from '../src/check/kind';
import { containerName, containerSelectorSchema, noContainerVerdict, selectRunningContainers, type ContainerSelector } from '../src/check/container-selection';
import type { ContainerStats } from '../src/docker/engine';
import { byteSizeSchema, formatBytes, parseByteSize } from '../src/check/units';

interface Params {
  select: ContainerSelector;
  /** The memory limit the engine's stats must report, e.g. "256m" (LIMIT in docker stats). */
  memoryLimit?: string;
  /** CPU use (CPU % in docker stats) must exceed this, over the engine's one-second sample. */
  cpuAbovePercent?: number;
}

/** docker stats' CPU %: the container's share of the host's CPU time between two samples, times the CPUs. */
export function cpuPercent(s: ContainerStats): number {
  const cpu = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const system = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats.online_cpus || s.cpu_stats.cpu_usage.percpu_usage?.length || 1;
  return system > 0 && cpu > 0 ? (cpu / system) * cpus * 100 : 0;
}

export default defineCheckKind<Params, 'ok' | 'notRunning' | 'mismatch'>({
  meta: {
    kind: 'container.stats',
    description: "What the engine's live statistics report for a running container (docker stats): memory limit, CPU use.",
    params: {
      type: 'object',
      properties: {
        select: containerSelectorSchema,
        memoryLimit: byteSizeSchema,
        cpuAbovePercent: { type: 'number', minimum: 0, nullable: true },
      },
      required: ['select'],
      additionalProperties: false,
      anyOf: [{ required: ['memoryLimit'] }, { required: ['cpuAbovePercent'] }],
    },
    messages: {
      ok: 'docker stats reports {{reading}} for {{name}}',
      notRunning: 'There is no running {{what}}, so there are no live statistics to read',
      mismatch: 'docker stats reports {{reading}} for {{name}}: {{problems}}',
    },
    messagesIt: {
      ok: 'docker stats riporta {{reading}} per {{name}}',
      notRunning: 'Non c’è {{what}} in esecuzione, quindi non ci sono statistiche da leggere',
      mismatch: 'docker stats riporta {{reading}} per {{name}}: {{problems}}',
    },
  },
  async evaluate(p, ctx) {
    const running = await selectRunningContainers(ctx.engine, p.select);
    if (running.length === 0) return noContainerVerdict(p.select, 'notRunning');
    const wantMemory = p.memoryLimit !== undefined ? parseByteSize(p.memoryLimit) : undefined;
    const read = async (c: (typeof running)[number]) => {
      // A CPU figure needs two samples (the engine waits ~1 s); a limit needs one.
      const stats = p.cpuAbovePercent !== undefined ? await ctx.engine.sampledStats(c.Id) : await ctx.engine.stats(c.Id);
      const limit = stats.memory_stats?.limit ?? 0;
      const cpu = p.cpuAbovePercent !== undefined ? cpuPercent(stats) : undefined;
      const problems: Phrase[] = [];
      if (wantMemory !== undefined && limit !== wantMemory) problems.push(phrase('part.stats.memoryShould', { want: p.memoryLimit }));
      if (cpu !== undefined && !(cpu > p.cpuAbovePercent!)) problems.push(phrase('part.stats.cpuShould', { want: p.cpuAbovePercent }));
      const memoryReading = wantMemory !== undefined ? phrase('part.stats.memory', { limit: formatBytes(limit) }) : undefined;
      const cpuReading = cpu !== undefined ? phrase('part.stats.cpu', { percent: cpu.toFixed(1) }) : undefined;
      const reading = memoryReading && cpuReading ? phrase('part.both', { first: memoryReading, second: cpuReading }) : (memoryReading ?? cpuReading ?? '');
      return { name: containerName(c), limit, cpu, problems, reading };
    };
    // The engine (20.10) answers a lone stats request at once, but a second one
    // arriving while it collects waits for its next one-second tick. So when only
    // a limit is asked, the container whose configuration carries that limit is
    // read first, alone: it is the one that passes, and the others are read only
    // if it does not.
    const likely = wantMemory !== undefined && p.cpuAbovePercent === undefined ? running.find((c) => c.HostConfig?.Memory === wantMemory) : undefined;
    const first = likely ? [await read(likely)] : [];
    const readings = first.some((r) => r.problems.length === 0) ? first : [...first, ...(await Promise.all(running.filter((c) => c !== likely).map(read)))];
    const hit = readings.find((r) => r.problems.length === 0);
    const shown = hit ?? readings[0]!;
    const evidence = {
      expected: {
        ...(wantMemory !== undefined ? { memoryLimit: wantMemory } : {}),
        ...(p.cpuAbovePercent !== undefined ? { cpuAbovePercent: p.cpuAbovePercent } : {}),
      },
      actual: Object.fromEntries(
        readings.map((r) => [r.name, { memoryLimit: r.limit, ...(r.cpu !== undefined ? { cpuPercent: Number(r.cpu.toFixed(2)) } : {}) }]),
      ),
      command: `docker stats --no-stream ${shown.name}`,
    };
    if (hit) return { status: 'pass', messageId: 'ok', data: { name: hit.name, reading: hit.reading }, evidence };
    return { status: 'fail', messageId: 'mismatch', data: { name: shown.name, reading: shown.reading, problems: joined(shown.problems, ', ') }, evidence };
  },
});
