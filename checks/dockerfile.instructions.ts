import { defineCheckKind } from '../src/check/kind';
import { authorLabelProperties, type AuthorLabel } from '../src/check/author-label';
import { READ_DOCKERFILE_MESSAGES, READ_DOCKERFILE_MESSAGES_IT, readDockerfile } from '../src/check/repo-verdicts';

interface Requirement extends AuthorLabel {
  /** FROM, RUN, COPY, EXPOSE, CMD… */
  instruction: string;
  /** Regular expression (case-insensitive) its arguments must match. */
  matches: string;
}

interface Params {
  file?: string;
  require: Requirement[];
}

export default defineCheckKind<Params, 'ok' | 'missingFile' | 'missing' | 'notRepo'>({
  meta: {
    kind: 'dockerfile.instructions',
    description: "A repository's Dockerfile, parsed (dockerfile-ast), has the instructions a slide writes.",
    params: {
      type: 'object',
      properties: {
        file: { type: 'string', minLength: 1, nullable: true },
        require: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            properties: {
              ...authorLabelProperties,
              instruction: { type: 'string', pattern: '^[A-Z]+$' },
              matches: { type: 'string', format: 'regex' },
            },
            required: ['label', 'instruction', 'matches'],
            additionalProperties: false,
          },
        },
      },
      required: ['require'],
      additionalProperties: false,
    },
    messages: {
      ok: '{{file}} has {{labels}}',
      missing: '{{file}} lacks {{labels}}',
      ...READ_DOCKERFILE_MESSAGES,
    },
    messagesIt: {
      ok: '{{file}} ha {{labels}}',
      missing: 'A {{file}} manca {{labels}}',
      ...READ_DOCKERFILE_MESSAGES_IT,
    },
  },
  async evaluate(p, ctx) {
    const dockerfile = readDockerfile(ctx, p.file);
    if ('status' in dockerfile) return dockerfile;
    const { file, instructions } = dockerfile;
    const missing = p.require.filter((r) => !instructions.some((i) => i.keyword === r.instruction && new RegExp(r.matches, 'i').test(i.args)));
    const evidence = {
      expected: p.require.map((r) => `${r.instruction} /${r.matches}/`),
      actual: instructions.map((i) => `${i.line}: ${i.keyword} ${i.args}`),
    };
    if (missing.length) {
      return { status: 'fail', messageId: 'missing', data: { file, labels: missing.map((r) => `${r.label} (${r.instruction})`).join(', ') }, evidence };
    }
    return { status: 'pass', messageId: 'ok', data: { file, labels: p.require.map((r) => r.label).join(', ') }, evidence };
  },
});
