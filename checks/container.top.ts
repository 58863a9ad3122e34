import { patternInWords } from '../src/check/pattern-words';
import { defineCheckKind, phrase } from '../src/check/kind';
import { containerName, containerSelectorSchema, noContainerVerdict, selectRunningContainers, type ContainerSelector } from '../src/check/container-selection';

interface Params {
  select: ContainerSelector;
  /** Regular expression matched against each process's command line (the CMD column of docker top). */
  process: string;
}

export default defineCheckKind<Params, 'ok' | 'notRunning' | 'noProcess'>({
  meta: {
    kind: 'container.top',
    description: 'A process runs inside a container, as the engine lists it (docker top).',
    params: {
      type: 'object',
      properties: {
        select: containerSelectorSchema,
        process: { type: 'string', format: 'regex' },
      },
      required: ['select', 'process'],
      additionalProperties: false,
    },
    messages: {
      ok: '{{name}} runs `{{command}}`',
      notRunning: 'There is no running {{what}}',
      noProcess: '{{name}} runs {{commands}}, but no process {{pattern}}',
    },
    messagesIt: {
      ok: '{{name}} esegue `{{command}}`',
      notRunning: 'Non c’è {{what}} in esecuzione',
      noProcess: '{{name}} esegue {{commands}}, ma nessun processo {{pattern}}',
    },
  },
  async evaluate(p, ctx) {
    const running = await selectRunningContainers(ctx.engine, p.select);
    if (running.length === 0) return noContainerVerdict(p.select, 'notRunning');
    const pattern = new RegExp(p.process);
    const lists = await Promise.all(
      running.map(async (c) => {
        const top = await ctx.engine.top(c.Id);
        const col = top.Titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
        return { name: containerName(c), commands: top.Processes.map((row) => row[col >= 0 ? col : row.length - 1] ?? '') };
      }),
    );
    for (const l of lists) {
      const hit = l.commands.find((cmd) => pattern.test(cmd));
      if (hit) {
        return { status: 'pass', messageId: 'ok', data: { name: l.name, command: hit }, evidence: { actual: l.commands, command: `docker top ${l.name}` } };
      }
    }
    const first = lists[0]!;
    return {
      status: 'fail',
      messageId: 'noProcess',
      data: {
        name: first.name,
        commands: first.commands.map((c) => `\`${c}\``).join(', ') || phrase('part.nothing'),
        pattern: patternInWords(p.process, 'qualifier'),
      },
      evidence: { expected: p.process, actual: Object.fromEntries(lists.map((l) => [l.name, l.commands])), command: `docker top ${first.name}` },
    };
  },
});
