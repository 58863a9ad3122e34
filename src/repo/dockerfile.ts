import { DockerfileParser } from 'dockerfile-ast';

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
