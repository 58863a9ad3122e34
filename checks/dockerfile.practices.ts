import { defineCheckKind, joined, phrase } from '../src/check/kind';
import { message } from '../src/messages/catalog';
import { PRACTICE_RULES } from '../src/repo/dockerfile-practices';
import { READ_DOCKERFILE_MESSAGES, READ_DOCKERFILE_MESSAGES_IT, readDockerfile } from '../src/check/repo-verdicts';

interface Params {
  file?: string;
  /** Rule ids to apply (default: all). */
  rules?: string[];
}

export default defineCheckKind<Params, 'ok' | 'advice' | 'missingFile' | 'notRepo'>({
  meta: {
    kind: 'dockerfile.practices',
    description: "Best practices from the slides applied to a repository's Dockerfile; each finding names its rule and slide.",
    params: {
      type: 'object',
      properties: {
        file: { type: 'string', minLength: 1, nullable: true },
        rules: { type: 'array', nullable: true, minItems: 1, items: { type: 'string', enum: PRACTICE_RULES.map((r) => r.id) } },
      },
      required: [],
      additionalProperties: false,
    },
    messages: {
      ok: "{{file}} follows the slides' best practices ({{rules}})",
      advice: '{{findings}}',
      ...READ_DOCKERFILE_MESSAGES,
    },
    messagesIt: {
      ok: '{{file}} segue le buone pratiche delle slide ({{rules}})',
      advice: '{{findings}}',
      ...READ_DOCKERFILE_MESSAGES_IT,
    },
  },
  async evaluate(p, ctx) {
    const dockerfile = readDockerfile(ctx, p.file);
    if ('status' in dockerfile) return dockerfile;
    const { file, instructions } = dockerfile;
    const rules = PRACTICE_RULES.filter((r) => !p.rules || p.rules.includes(r.id));
    const findings = rules.map((r) => ({ rule: r, lines: r.find(instructions) })).filter((f) => f.lines.length);
    const evidence = {
      expected: rules.map((r) => `${r.id}: ${message('en', r.advice)} (slide "${r.slide}")`),
      actual: findings.map((f) => ({ rule: f.rule.id, slide: f.rule.slide, lines: f.lines })),
    };
    if (!findings.length) return { status: 'pass', messageId: 'ok', data: { file, rules: rules.map((r) => r.id).join(', ') }, evidence };
    const text2 = joined(
      findings.map((f) =>
        phrase('part.practice.finding', { rule: f.rule.id, file, lines: f.lines.join(','), advice: phrase(f.rule.advice), slide: f.rule.slide }),
      ),
      '; ',
    );
    return { status: 'fail', messageId: 'advice', data: { findings: text2 }, evidence };
  },
});
