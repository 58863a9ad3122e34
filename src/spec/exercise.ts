/** One check of an exercise, as written in `exercises/<id>.yaml`. */
export interface CheckSpec {
  id: string;
  title: string;
  kind: string;
  points: number;
  /** Extra credit: counts toward the exercise's points (capped at its max) but not toward its max. */
  bonus?: boolean;
  /** What to do when the check does not pass: the next command to type. */
  hint?: string;
  /** The slide the check comes from; defaults to the exercise's first slide. */
  slide?: string;
  /** Shown with the result whatever its status, e.g. a security caveat. */
  warning?: string;
  /** Ids of checks (same exercise) that must pass first; otherwise this one is skipped. */
  needs?: string[];
  timeoutMs?: number;
  params: Record<string, unknown>;
}

export interface VariableSpec {
  description: string;
  example?: string;
}

export interface ExerciseSpec {
  id: string;
  title: string;
  description?: string;
  /** Position in the course; `grade` and `grade list` follow it (then the id). */
  order?: number;
  /** Slide titles of the course this exercise comes from. */
  slides: string[];
  /** Values the exercise needs from the person grading (`--var name=value`), referenced as `${name}`. */
  variables?: Record<string, VariableSpec>;
  checks: CheckSpec[];
}

/** A loaded, validated exercise and where it came from. */
export interface Exercise extends ExerciseSpec {
  file: string;
}

export function maxPoints(ex: ExerciseSpec): number {
  return ex.checks.filter((c) => !c.bonus).reduce((sum, c) => sum + c.points, 0);
}
