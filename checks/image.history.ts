import { defineCheckKind, joined, phrase, type MessageValue, type Phrase } from '../src/check/kind';
import type { ImageHistoryEntry, ImageInfo } from '../src/docker/engine';
import { authorLabelProperties, type AuthorLabel } from '../src/check/author-label';

interface Step extends AuthorLabel {
  /** Regular expression (case-insensitive) matched against a history row's CREATED BY. */
  pattern: string;
}

const stepProperties = { ...authorLabelProperties, pattern: { type: 'string', format: 'regex' } } as const;

interface Params {
  image: string;
  /** Only rows above this image's history count (the student's own steps). */
  base?: string;
  /** `commit`: made with docker commit; `build`: made by docker build from a Dockerfile. */
  origin?: 'commit' | 'build';
  steps?: Step[];
  /** Rows matching `pattern` may appear at most `max` times (e.g. apt chained in one RUN). */
  atMost?: (Step & { max: number })[];
}

/** Rows a Dockerfile build leaves: legacy builder `#(nop)` metadata rows, BuildKit's `# buildkit` marker. */
export function isBuildRow(row: ImageHistoryEntry): boolean {
  return /#\(nop\)/.test(row.CreatedBy) || /# buildkit$/.test(row.CreatedBy) || /^buildkit\./.test(row.Comment ?? '');
}

export type Origin = 'build' | 'commit';

/** How an image was made, and what showed it: a sentence for the student. */
export interface OriginReading {
  origin: Origin | 'unknown';
  seen: Phrase;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Build or commit, from the history rows and the image's own config.
 *
 * A Dockerfile of only FROM and RUN, built by the legacy builder (Docker
 * 20.10's default), leaves no `#(nop)` row: its RUN row reads
 * `/bin/sh -c <command>`, exactly what a commit of
 * `docker run IMAGE /bin/sh -c "<command>"` records. The image config tells
 * them apart: a legacy RUN step runs in a container created from the parent
 * image by id (`ContainerConfig.Image` is `sha256:…`) with the step as its
 * command, and the image keeps the parent's CMD; a commit records the
 * container as the student started it (the image name they typed, and the
 * container's own command as CMD unless `--change` said otherwise).
 */
export function readOrigin(own: readonly ImageHistoryEntry[], info: ImageInfo | undefined): OriginReading {
  const marked = own.find(isBuildRow);
  if (marked) {
    const buildkit = /# buildkit$/.test(marked.CreatedBy) || /^buildkit\./.test(marked.Comment ?? '');
    return { origin: 'build', seen: phrase(buildkit ? 'part.history.buildkit' : 'part.history.nop') };
  }
  const started = info?.ContainerConfig;
  if (!started || (!started.Image && !started.Cmd)) {
    // Engines from API 1.45 on no longer report the container config: nothing tells a RUN-only legacy build from a commit.
    return { origin: 'unknown', seen: phrase('part.history.unknown') };
  }
  const fromImageId = /^sha256:[0-9a-f]{64}$/.test(started.Image ?? '');
  if (fromImageId && !sameJson(started.Cmd, info?.Config?.Cmd)) {
    return { origin: 'build', seen: phrase('part.history.legacyRun', { parent: started.Image!.slice(0, 19) }) };
  }
  return { origin: 'commit', seen: started.Image ? phrase('part.history.committedFrom', { image: started.Image }) : phrase('part.history.committed') };
}

const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}...` : s);

export default defineCheckKind<Params, 'ok' | 'missing' | 'noOwnRows' | 'wrongOrigin' | 'missingSteps' | 'tooMany'>({
  meta: {
    kind: 'image.history',
    description: 'What `docker history` shows of how an image was made: by commit or by build, and which steps.',
    params: {
      type: 'object',
      properties: {
        image: { type: 'string', minLength: 1 },
        base: { type: 'string', minLength: 1, nullable: true },
        origin: { type: 'string', enum: ['commit', 'build'], nullable: true },
        steps: {
          type: 'array',
          nullable: true,
          minItems: 1,
          items: {
            type: 'object',
            properties: stepProperties,
            required: ['label', 'pattern'],
            additionalProperties: false,
          },
        },
        atMost: {
          type: 'array',
          nullable: true,
          minItems: 1,
          items: {
            type: 'object',
            properties: { ...stepProperties, max: { type: 'integer', minimum: 0 } },
            required: ['label', 'pattern', 'max'],
            additionalProperties: false,
          },
        },
      },
      required: ['image'],
      additionalProperties: false,
      anyOf: [{ required: ['origin'] }, { required: ['steps'] }, { required: ['atMost'] }],
    },
    messages: {
      ok: 'History of {{image}} shows {{what}}',
      missing: 'There is no image {{image}}',
      noOwnRows: 'History of {{image}} has no step of its own above {{base}}',
      wrongOrigin: '{{image}} was made by {{actual}}, not by {{expected}}: {{seen}}',
      missingSteps: 'History of {{image}} shows no {{steps}}',
      tooMany: 'History of {{image}} has {{count}} {{label}} (at most {{max}})',
    },
    messagesIt: {
      ok: 'La history di {{image}} mostra {{what}}',
      missing: 'Non c’è l’immagine {{image}}',
      noOwnRows: 'La history di {{image}} non ha passi suoi sopra {{base}}',
      wrongOrigin: '{{image}} è stata creata con {{actual}}, non con {{expected}}: {{seen}}',
      missingSteps: 'La history di {{image}} non mostra {{steps}}',
      tooMany: 'La history di {{image}} ha {{count}} {{label}} (al massimo {{max}})',
    },
  },
  async evaluate(p, ctx) {
    const [rows, baseRows] = await Promise.all([ctx.engine.history(p.image), p.base ? ctx.engine.history(p.base) : Promise.resolve(undefined)]);
    const command = `docker history --no-trunc ${p.image}`;
    if (!rows) return { status: 'fail', messageId: 'missing', data: { image: p.image }, evidence: { command } };
    // History is newest first; the base's rows are the oldest ones.
    const own = baseRows ? rows.slice(0, Math.max(0, rows.length - baseRows.length)) : rows;
    let evidence: { actual: unknown; command: string } = { actual: own.map((r) => clip(r.CreatedBy)), command };
    if (own.length === 0) return { status: 'fail', messageId: 'noOwnRows', data: { image: p.image, base: p.base ?? 'scratch' }, evidence };
    const what: MessageValue[] = [];
    if (p.origin) {
      const reading = readOrigin(own, await ctx.engine.image(p.image));
      const name = { build: phrase('part.history.build'), commit: phrase('part.history.commit') };
      // When the engine cannot tell, the slide's own command gets the benefit of the doubt.
      const actual = reading.origin === 'unknown' ? p.origin : reading.origin;
      const originEvidence = { ...evidence, actual: { history: evidence.actual, origin: reading.seen } };
      if (actual !== p.origin) {
        return {
          status: 'fail',
          messageId: 'wrongOrigin',
          data: { image: p.image, actual: name[actual], expected: name[p.origin], seen: reading.seen },
          evidence: { ...originEvidence, expected: p.origin },
        };
      }
      what.push(reading.origin === 'unknown' ? phrase('part.history.onTrust', { origin: name[actual], seen: reading.seen }) : name[actual]);
      evidence = originEvidence;
    }
    if (p.steps) {
      const missing = p.steps.filter((s) => !own.some((r) => new RegExp(s.pattern, 'i').test(r.CreatedBy)));
      if (missing.length) {
        return {
          status: 'fail',
          messageId: 'missingSteps',
          data: { image: p.image, steps: missing.map((s) => s.label).join(', ') },
          evidence: { ...evidence, expected: p.steps.map((s) => s.label) },
        };
      }
      what.push(p.steps.map((s) => s.label).join(', '));
    }
    for (const limit of p.atMost ?? []) {
      const count = own.filter((r) => new RegExp(limit.pattern, 'i').test(r.CreatedBy)).length;
      if (count > limit.max) {
        return {
          status: 'fail',
          messageId: 'tooMany',
          data: { image: p.image, count, label: limit.label, max: limit.max },
          evidence: { ...evidence, expected: p.atMost },
        };
      }
      what.push(`${count} ${limit.label}`);
    }
    return { status: 'pass', messageId: 'ok', data: { image: p.image, what: joined(what, '; ') }, evidence };
  },
});
