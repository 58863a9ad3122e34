import { defineCheckKind } from '../src/check/kind';
import { isVerdict, NOT_REPO, NOT_REPO_IT, repoOf } from '../src/check/repo-verdicts';

interface Params {
  /** Path inside the repository. */
  path: string;
  /** Text the file must contain (case-insensitive). */
  contains?: string;
}

export default defineCheckKind<Params, 'ok' | 'missing' | 'lacks' | 'notRepo'>({
  meta: {
    kind: 'file.exists',
    description: 'A file is in the repository graded by grade repo, holding some text.',
    params: {
      type: 'object',
      properties: {
        path: { type: 'string', minLength: 1 },
        contains: { type: 'string', minLength: 1, nullable: true },
      },
      required: ['path'],
      additionalProperties: false,
    },
    messages: {
      ok: 'The repository has {{path}}',
      missing: 'The repository has no {{path}}',
      lacks: '{{path}} does not contain "{{text}}"',
      ...NOT_REPO,
    },
    messagesIt: {
      ok: 'Il repository ha {{path}}',
      missing: 'Il repository non ha {{path}}',
      lacks: '{{path}} non contiene "{{text}}"',
      ...NOT_REPO_IT,
    },
  },
  async evaluate(p, ctx) {
    const repo = repoOf(ctx);
    if (isVerdict(repo)) return repo;
    const text = repo.readFile(p.path);
    if (text === undefined) return { status: 'fail', messageId: 'missing', data: { path: p.path }, evidence: { command: `git ls-files ${p.path}` } };
    if (p.contains && !text.toLowerCase().includes(p.contains.toLowerCase())) {
      return { status: 'fail', messageId: 'lacks', data: { path: p.path, text: p.contains }, evidence: { expected: p.contains, actual: text.slice(0, 300) } };
    }
    return { status: 'pass', messageId: 'ok', data: { path: p.path } };
  },
});
