import { defineCheckKind } from '../src/check/kind';
import type { ImageHistoryEntry } from '../src/docker/engine';

interface Step {
  /** What the step means, in the student's words: "apache2 installed". */
  label: string;
  /** Regular expression (case-insensitive) matched against a history row's CREATED BY. */
  pattern: string;
}

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
            properties: { label: { type: 'string', minLength: 1 }, pattern: { type: 'string', format: 'regex' } },
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
            properties: { label: { type: 'string', minLength: 1 }, pattern: { type: 'string', format: 'regex' }, max: { type: 'integer', minimum: 0 } },
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
      wrongOrigin: '{{image}} was made by {{actual}}, not by {{expected}}',
      missingSteps: 'History of {{image}} shows no {{steps}}',
      tooMany: 'History of {{image}} has {{count}} {{label}} (at most {{max}})',
    },
  },
  async evaluate(p, ctx) {
    const [rows, baseRows] = await Promise.all([ctx.engine.history(p.image), p.base ? ctx.engine.history(p.base) : Promise.resolve(undefined)]);
    const command = `docker history --no-trunc ${p.image}`;
    if (!rows) return { status: 'fail', messageId: 'missing', data: { image: p.image }, evidence: { command } };
    // History is newest first; the base's rows are the oldest ones.
    const own = baseRows ? rows.slice(0, Math.max(0, rows.length - baseRows.length)) : rows;
    const evidence = { actual: own.map((r) => clip(r.CreatedBy)), command };
    if (own.length === 0) return { status: 'fail', messageId: 'noOwnRows', data: { image: p.image, base: p.base ?? 'scratch' }, evidence };
    const what: string[] = [];
    if (p.origin) {
      const actual = own.some(isBuildRow) ? 'build' : 'commit';
      const name = { build: 'docker build (a Dockerfile)', commit: 'docker commit' };
      if (actual !== p.origin) {
        return {
          status: 'fail',
          messageId: 'wrongOrigin',
          data: { image: p.image, actual: name[actual], expected: name[p.origin] },
          evidence: { ...evidence, expected: p.origin },
        };
      }
      what.push(name[actual]);
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
    return { status: 'pass', messageId: 'ok', data: { image: p.image, what: what.join('; ') }, evidence };
  },
});
