import type { CheckContext, Verdict } from './kind';
import { parseDockerfile, type ParsedInstruction } from '../repo/dockerfile';
import type { RepoContext } from '../repo/repo-context';

export const NOT_REPO = { notRepo: 'This check reads a repository: it runs under grade repo only' } as const;

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
