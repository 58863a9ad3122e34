import { renderValue, type Lang } from '../messages/catalog';
import { phrase, type Phrase } from '../messages/phrase';

/** What a setup error says: text the user gave (a path, a name) or a phrase of the catalogue. */
export type ErrorText = string | Phrase;

/**
 * A problem that stops grading before it starts (bad usage, bad spec, no engine).
 * The CLI prints `line()` and exits 2 — never a stack trace — so every instance
 * must say what happened and what to do next.
 */
export class SetupError extends Error {
  /**
   * `what` and `advice`: plain text, or phrases of the catalogue, which `line`
   * renders in the run's language (the CLI prints `line(lang)`). `message`
   * holds the phrases rendered in English, for logs and for code that only
   * passes the error on; text a caller rendered itself (planGrading and
   * selectRepoExercises know the language) stays as it was given.
   */
  constructor(
    readonly what: ErrorText,
    readonly advice?: ErrorText,
  ) {
    super(renderValue('en', what));
    this.name = 'SetupError';
  }

  line(lang: Lang = 'en'): string {
    const what = renderValue(lang, this.what);
    return this.advice !== undefined ? `${what} — ${renderValue(lang, this.advice)}` : what;
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
    what: ErrorText = phrase('error.specExercises'),
    advice: ErrorText = phrase('error.specAdvice'),
  ) {
    super(problems.length === 1 ? phrase('error.specProblem', { what }) : phrase('error.specProblems', { count: problems.length, what }), advice);
    this.name = 'SpecError';
  }

  override line(lang: Lang = 'en'): string {
    return [...this.problems.map(formatProblem), super.line(lang)].join('\n');
  }
}

/** The engine cannot be reached or used at all; reported once, before grading. */
export class EngineUnavailableError extends SetupError {
  constructor(message: ErrorText, advice: ErrorText) {
    super(message, advice);
    this.name = 'EngineUnavailableError';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
