import { DockerfileParser } from 'dockerfile-ast';
import type { CheckContext, Verdict } from '../check/kind';
import { isVerdict, repoOf } from './repo-verdicts';

export interface ParsedInstruction {
  keyword: string;
  /** The arguments as written, continuation lines joined. */
  args: string;
  /** 1-based. */
  line: number;
}

/** A Dockerfile's instructions, parsed by dockerfile-ast (continuations, comments, escapes handled). */
export function parseDockerfile(text: string): ParsedInstruction[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => ({
      keyword: i.getKeyword().toUpperCase(),
      args: (i.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim(),
      line: i.getRange().start.line + 1,
    }));
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
