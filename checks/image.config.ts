import { defineCheckKind, joined, phrase, type Phrase } from '../src/check/kind';

interface Params {
  image: string;
  /** Ports the image declares with EXPOSE, e.g. ["80"] or ["80/tcp"]. */
  exposedPorts?: string[];
  /** CMD in exec form; the shell form of the same words is accepted too. */
  cmd?: string[];
  /** ENTRYPOINT in exec form; [] means "no entrypoint". */
  entrypoint?: string[];
}

/** `CMD apachectl -D FOREGROUND` is stored as ["/bin/sh","-c","apachectl -D FOREGROUND"]. */
function sameCommand(actual: string | readonly string[] | null | undefined, expected: readonly string[]): boolean {
  const a = typeof actual === 'string' ? ['/bin/sh', '-c', actual] : (actual ?? []);
  if (a.length === expected.length && a.every((w, i) => w === expected[i])) return true;
  if (a.length === 3 && a[0] === '/bin/sh' && a[1] === '-c') {
    const words = a[2]!.trim().split(/\s+/);
    return words.length === expected.length && words.every((w, i) => w === expected[i]);
  }
  return false;
}

const show = (v: string | readonly string[] | null | undefined) => JSON.stringify(v ?? []);

export default defineCheckKind<Params, 'matches' | 'missing' | 'mismatch'>({
  meta: {
    kind: 'image.config',
    description: 'The configuration an image declares: exposed ports, CMD, ENTRYPOINT.',
    params: {
      type: 'object',
      properties: {
        image: { type: 'string', minLength: 1 },
        exposedPorts: { type: 'array', items: { type: 'string', pattern: '^\\d+(/(tcp|udp|sctp))?$' }, nullable: true },
        cmd: { type: 'array', items: { type: 'string' }, nullable: true },
        entrypoint: { type: 'array', items: { type: 'string' }, nullable: true },
      },
      required: ['image'],
      additionalProperties: false,
    },
    messages: {
      matches: 'Image {{image}} declares {{what}}',
      missing: 'There is no image {{image}}',
      mismatch: 'Image {{image}}: {{problems}}',
    },
    messagesIt: {
      matches: 'L’immagine {{image}} dichiara {{what}}',
      missing: 'Non c’è l’immagine {{image}}',
      mismatch: 'Immagine {{image}}: {{problems}}',
    },
  },
  async evaluate(p, ctx) {
    const info = await ctx.engine.image(p.image);
    if (!info) return { status: 'fail', messageId: 'missing', data: { image: p.image } };
    const cfg = info.Config;
    const exposed = Object.keys(cfg.ExposedPorts ?? {});
    const problems: Phrase[] = [];
    const what: (string | Phrase)[] = [];
    const expected: Record<string, unknown> = {};
    if (p.exposedPorts) {
      expected.exposedPorts = p.exposedPorts;
      const missing = p.exposedPorts.filter((port) => !exposed.includes(port.includes('/') ? port : `${port}/tcp`));
      if (missing.length)
        problems.push(phrase('part.image.noExpose', { missing: missing.join(', '), exposed: exposed.length ? exposed.join(', ') : phrase('part.nothing') }));
      else what.push(`EXPOSE ${p.exposedPorts.join(' ')}`);
    }
    if (p.cmd) {
      expected.cmd = p.cmd;
      if (!sameCommand(cfg.Cmd, p.cmd)) problems.push(phrase('part.image.cmd', { actual: show(cfg.Cmd), expected: show(p.cmd) }));
      else what.push(`CMD ${show(p.cmd)}`);
    }
    if (p.entrypoint) {
      expected.entrypoint = p.entrypoint;
      const actual = cfg.Entrypoint ?? [];
      const ok = p.entrypoint.length === 0 ? actual.length === 0 : sameCommand(actual, p.entrypoint);
      if (!ok) problems.push(phrase('part.image.entrypoint', { actual: show(actual), expected: show(p.entrypoint) }));
      else what.push(p.entrypoint.length ? `ENTRYPOINT ${show(p.entrypoint)}` : phrase('part.image.noEntrypoint'));
    }
    const evidence = {
      expected,
      actual: { exposedPorts: exposed, cmd: cfg.Cmd ?? [], entrypoint: cfg.Entrypoint ?? [] },
      command: `docker image inspect -f '{{json .Config.ExposedPorts}} {{json .Config.Cmd}} {{json .Config.Entrypoint}}' ${p.image}`,
    };
    if (problems.length) return { status: 'fail', messageId: 'mismatch', data: { image: p.image, problems: joined(problems, '; ') }, evidence };
    return {
      status: 'pass',
      messageId: 'matches',
      data: { image: p.image, what: what.length ? joined(what, ', ') : phrase('part.image.itsConfig') },
      evidence,
    };
  },
});
