/**
 * A problem that stops grading before it starts (bad usage, bad spec, no engine).
 * The CLI prints `line()` and exits 2 — never a stack trace — so every instance
 * must say what happened and what to do next.
 */
export class SetupError extends Error {
  constructor(
    message: string,
    readonly advice?: string,
  ) {
    super(message);
    this.name = 'SetupError';
  }

  line(): string {
    return this.advice ? `${this.message} — ${this.advice}` : this.message;
  }
}

/** One problem in an exercise spec, positioned like a compiler error. */
export interface SpecProblem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

export function formatProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.path || '(root)'}: ${p.message}`;
}

export class SpecError extends SetupError {
  constructor(
    readonly problems: SpecProblem[],
    what = 'exercise specs',
    advice = 'fix them and run `grade validate` again',
  ) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${what}`, advice);
    this.name = 'SpecError';
  }

  override line(): string {
    return [...this.problems.map(formatProblem), super.line()].join('\n');
  }
}

/** The engine cannot be reached or used at all; reported once, before grading. */
export class EngineUnavailableError extends SetupError {
  constructor(message: string, advice: string) {
    super(message, advice);
    this.name = 'EngineUnavailableError';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
