import { defineCheckKind, phrase } from '../src/check/kind';
import { textTail } from '../src/words/text-tail';
import { EngineCallError } from '../src/docker/engine';

interface Params {
  image: string;
  /** The command, as `docker run IMAGE COMMAND…` would take it. */
  command: string[];
  entrypoint?: string[];
  /** Expected exit status (default 0). */
  exitCode?: number;
  /** Regular expression the standard output must match. */
  stdout?: string;
  /** `none` (default: loopback only) or `bridge`. */
  network?: 'none' | 'bridge';
  timeoutMs?: number;
}

const tail = (s: string, n = 300) => textTail(s, n).trim();

export default defineCheckKind<Params, 'ok' | 'missing' | 'cannotStart' | 'timedOut' | 'exitCode' | 'stdout'>({
  meta: {
    kind: 'image.run',
    description: 'A command run in a throwaway container from an image: exit status and output.',
    params: {
      type: 'object',
      properties: {
        image: { type: 'string', minLength: 1 },
        command: { type: 'array', items: { type: 'string' }, minItems: 1 },
        entrypoint: { type: 'array', items: { type: 'string' }, nullable: true },
        exitCode: { type: 'integer', minimum: 0, maximum: 255, nullable: true },
        stdout: { type: 'string', format: 'regex', nullable: true },
        network: { type: 'string', enum: ['none', 'bridge'], nullable: true },
        timeoutMs: { type: 'integer', minimum: 500, maximum: 120_000, nullable: true },
      },
      required: ['image', 'command'],
      additionalProperties: false,
    },
    messages: {
      ok: '`{{command}}` in a new container from {{image}} exited {{exitCode}}',
      missing: 'There is no image {{image}} to run',
      cannotStart: '`{{command}}` cannot start in {{image}}: {{reason}}',
      timedOut: '`{{command}}` in {{image}} did not finish within {{seconds}} s',
      exitCode: '`{{command}}` in {{image}} exited {{actual}}, expected {{expected}}: {{output}}',
      stdout: '`{{command}}` in {{image}} printed something else: {{output}}',
    },
    messagesIt: {
      ok: '`{{command}}` in un nuovo container da {{image}} è terminato con {{exitCode}}',
      missing: 'Non c’è l’immagine {{image}} da eseguire',
      cannotStart: '`{{command}}` non si avvia in {{image}}: {{reason}}',
      timedOut: '`{{command}}` in {{image}} non è finito entro {{seconds}} s',
      exitCode: '`{{command}}` in {{image}} è terminato con {{actual}}, atteso {{expected}}: {{output}}',
      stdout: '`{{command}}` in {{image}} ha stampato altro: {{output}}',
    },
  },
  async evaluate(p, ctx) {
    const commandText = p.command.join(' ');
    const expectedExit = p.exitCode ?? 0;
    const timeoutMs = p.timeoutMs ?? 10_000;
    const network = p.network ?? 'none';
    const data = { image: p.image, command: commandText };
    const command = `docker run --rm${network === 'none' ? ' --network none' : ''} ${p.image} ${commandText}`;
    if (!(await ctx.engine.image(p.image))) return { status: 'fail', messageId: 'missing', data, evidence: { command: `docker images ${p.image}` } };
    let outcome;
    try {
      outcome = await ctx.engine.probe(
        { image: p.image, cmd: p.command, ...(p.entrypoint ? { entrypoint: p.entrypoint } : {}), networkMode: network, capabilities: ['NET_RAW'], timeoutMs },
        ctx.signal,
      );
    } catch (e) {
      if (e instanceof EngineCallError && e.statusCode === 404) return { status: 'fail', messageId: 'missing', data };
      throw e;
    }
    const expected = { exitCode: expectedExit, ...(p.stdout ? { stdout: p.stdout } : {}) };
    const actual = { exitCode: outcome.exitCode, stdout: tail(outcome.stdout), stderr: tail(outcome.stderr) };
    if (outcome.startError) {
      // The engine's wording: "exec: \"ping\": executable file not found in $PATH".
      const reason = /executable file not found in \$PATH/.exec(outcome.startError)?.[0] ?? outcome.startError;
      return { status: 'fail', messageId: 'cannotStart', data: { ...data, reason }, evidence: { expected, actual: { error: outcome.startError }, command } };
    }
    if (outcome.timedOut) {
      return { status: 'fail', messageId: 'timedOut', data: { ...data, seconds: timeoutMs / 1000 }, evidence: { expected, actual, command } };
    }
    const output = tail(`${outcome.stdout}${outcome.stderr}`, 200) || phrase('part.run.noOutput');
    if (outcome.exitCode !== expectedExit) {
      return {
        status: 'fail',
        messageId: 'exitCode',
        data: { ...data, actual: outcome.exitCode ?? phrase('part.nothing'), expected: expectedExit, output },
        evidence: { expected, actual, command },
      };
    }
    if (p.stdout && !new RegExp(p.stdout).test(outcome.stdout)) {
      return { status: 'fail', messageId: 'stdout', data: { ...data, output }, evidence: { expected, actual, command } };
    }
    return { status: 'pass', messageId: 'ok', data: { ...data, exitCode: outcome.exitCode ?? 0 }, evidence: { expected, actual, command } };
  },
});
