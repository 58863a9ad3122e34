import { defineCheckKind } from '../src/check/kind';
import { isVerdict, NOT_REPO, NOT_REPO_IT, repoOf } from '../src/check/repo-verdicts';

interface Params {
  /** Which of the exercise's repo steps (its `repo:` section): build the Dockerfile, run the image, bring compose up. */
  step: 'build' | 'run' | 'compose';
}

export default defineCheckKind<Params, 'ok' | 'failed' | 'notRun' | 'notRepo'>({
  meta: {
    kind: 'repo.step',
    description: "How grade repo's step went for a repository: its Dockerfile built, its container started and answered, its compose stack came up healthy.",
    params: {
      type: 'object',
      properties: {
        step: { type: 'string', enum: ['build', 'run', 'compose'] },
      },
      required: ['step'],
      additionalProperties: false,
    },
    messages: {
      ok: '{{summary}}',
      failed: '{{summary}}',
      notRun: 'The {{step}} step did not run: {{reason}}',
      ...NOT_REPO,
    },
    messagesIt: {
      ok: '{{summary}}',
      failed: '{{summary}}',
      notRun: 'Il passo {{step}} non è stato eseguito: {{reason}}',
      ...NOT_REPO_IT,
    },
  },
  async evaluate(p, ctx) {
    const repo = repoOf(ctx);
    if (isVerdict(repo)) return repo;
    const outcome = repo.step(p.step);
    if (!outcome) return { status: 'fail', messageId: 'notRun', data: { step: p.step, reason: repo.skippedBecause(p.step) } };
    // The summary's own words are rendered in the run's language (localizeEvidence); the engine's stay as they came.
    const evidence = {
      actual: { summary: outcome.summary, seconds: Math.round(outcome.durationMs / 100) / 10, ...(outcome.log ? { log: outcome.log } : {}) },
    };
    const status = outcome.ok ? 'pass' : outcome.environment ? 'error' : 'fail';
    return { status, messageId: outcome.ok ? 'ok' : 'failed', data: { summary: outcome.summary }, evidence };
  },
});
