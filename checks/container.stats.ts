import { defineCheckKind } from '../src/check/kind';
import {
  containerName,
  containerSelectorSchema,
  describeSelector,
  selectContainers,
  selectorPsCommand,
  type ContainerSelector,
} from '../src/docker/container-selector';
import { formatBytes, parseByteSize } from '../src/docker/units';

interface Params {
  select: ContainerSelector;
  /** The memory limit the engine's stats must report, e.g. "256m" (what `docker stats` shows as LIMIT). */
  memoryLimit: string;
}

export default defineCheckKind<Params, 'ok' | 'notRunning' | 'mismatch'>({
  meta: {
    kind: 'container.stats',
    description: "The limit the engine's live statistics report for a running container (docker stats), not just its configuration.",
    params: {
      type: 'object',
      properties: {
        select: containerSelectorSchema,
        memoryLimit: { type: 'string', pattern: '^\\d+(\\.\\d+)?[bkmgtBKMGT]?$' },
      },
      required: ['select', 'memoryLimit'],
      additionalProperties: false,
    },
    messages: {
      ok: 'docker stats reports a memory limit of {{limit}} for {{name}}',
      notRunning: 'There is no running {{what}}, so there are no live statistics to read',
      mismatch: 'docker stats reports a memory limit of {{limit}} for {{name}}, not {{expected}}',
    },
  },
  async evaluate(p, ctx) {
    const what = describeSelector(p.select);
    const want = parseByteSize(p.memoryLimit)!;
    const running = (await selectContainers(ctx.engine, p.select)).filter((c) => c.State.Running);
    if (running.length === 0) return { status: 'fail', messageId: 'notRunning', data: { what }, evidence: { command: selectorPsCommand(p.select) } };
    const readings = await Promise.all(running.map(async (c) => ({ name: containerName(c), limit: (await ctx.engine.stats(c.Id)).memory_stats?.limit ?? 0 })));
    const hit = readings.find((r) => r.limit === want);
    const shown = hit ?? readings[0]!;
    const evidence = {
      expected: { memoryLimit: want },
      actual: Object.fromEntries(readings.map((r) => [r.name, r.limit])),
      command: `docker stats --no-stream ${shown.name}`,
    };
    if (hit) return { status: 'pass', messageId: 'ok', data: { name: hit.name, limit: formatBytes(hit.limit) }, evidence };
    return { status: 'fail', messageId: 'mismatch', data: { name: shown.name, limit: formatBytes(shown.limit), expected: p.memoryLimit }, evidence };
  },
});
