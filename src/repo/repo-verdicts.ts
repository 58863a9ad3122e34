import type { CheckContext, Verdict } from '../check/kind';
import type { RepoContext } from './repo-context';

export const NOT_REPO = { notRepo: 'This check reads a repository: it runs under grade repo only' } as const;

/** The repository, or the verdict saying this check cannot run here (the grader's doing, so `error`). */
export function repoOf(ctx: CheckContext): RepoContext | Verdict<'notRepo'> {
  return ctx.repo ?? { status: 'error', messageId: 'notRepo' };
}

export function isVerdict(x: RepoContext | Verdict<'notRepo'>): x is Verdict<'notRepo'> {
  return 'status' in x;
}
