import type { CheckContext, Verdict } from './kind';
import { parseDockerfile, type ParsedInstruction } from '../repo/dockerfile';
import type { RepoContext } from '../repo/repo-context';

export const NOT_REPO = { notRepo: 'This check reads a repository: it runs under grade repo only' } as const;
export const NOT_REPO_IT: Record<keyof typeof NOT_REPO, string> = { notRepo: 'Questo controllo legge un repository: si esegue solo con grade repo' };

/** The templates of readDockerfile's verdicts, which every kind that reads a Dockerfile carries. */
export const READ_DOCKERFILE_MESSAGES = { ...NOT_REPO, missingFile: 'The repository has no {{file}}' } as const;
export const READ_DOCKERFILE_MESSAGES_IT: Record<keyof typeof READ_DOCKERFILE_MESSAGES, string> = {
  ...NOT_REPO_IT,
  missingFile: 'Il repository non ha {{file}}',
};

/** The repository, or the verdict saying this check cannot run here (the grader's doing, so `error`). */
export function repoOf(ctx: CheckContext): RepoContext | Verdict<'notRepo'> {
  return ctx.repo ?? { status: 'error', messageId: 'notRepo' };
}

export function isVerdict(x: RepoContext | Verdict<'notRepo'>): x is Verdict<'notRepo'> {
  return 'status' in x;
}

/** The repository's Dockerfile, parsed; or the verdict when there is no repository or no such file. */
export function readDockerfile(
  ctx: CheckContext,
  file = 'Dockerfile',
): { file: string; instructions: ParsedInstruction[] } | Verdict<'notRepo' | 'missingFile'> {
  const repo = repoOf(ctx);
  if (isVerdict(repo)) return repo;
  const text = repo.readFile(file);
  if (text === undefined) return { status: 'fail', messageId: 'missingFile', data: { file }, evidence: { command: `ls ${file}` } };
  return { file, instructions: parseDockerfile(text) };
}
