/** One check of an exercise, as written in `exercises/<id>.yaml`. */
export interface CheckSpec {
  id: string;
  title: string;
  /** Italian next to each student-facing text; English is shown when it is missing. */
  title_it?: string;
  kind: string;
  points: number;
  /** Extra credit: counts toward the exercise's points (capped at its max) but not toward its max. */
  bonus?: boolean;
  /** What to do when the check does not pass: the next command to type. */
  hint?: string;
  hint_it?: string;
  /** The command the hint asks for, shown on a line of its own so it can be copied alone (the same in every language). */
  hint_command?: string;
  /** The slide the check comes from; defaults to the exercise's first slide. */
  slide?: string;
  /** Shown with the result whatever its status, e.g. a security caveat. */
  warning?: string;
  warning_it?: string;
  /** Ids of checks (same exercise) that must pass first; otherwise this one is skipped. */
  needs?: string[];
  timeoutMs?: number;
  /** Where the check applies: grading a Docker host, a repository (grade repo), or both (default). */
  modes?: GradingMode[];
  params: Record<string, unknown>;
}

export type GradingMode = 'host' | 'repo';

/** How `grade repo` produces an exercise's state from a student repository. */
export interface RepoSpec {
  /** The exercise is graded when the repository has each of these files (an entry may list alternatives). */
  requires: (string | string[])[];
  /** Build the repository's Dockerfile; checks refer to the image by `image`, the name the slide gives it. */
  build?: { dockerfile: string; image: string };
  /** Then run the built image, publishing host ports as the slide does, and wait until it listens. */
  run?: { ports: { host: number; container: number }[]; startupSeconds?: number };
  /** Bring up the first of these compose files (unique project name) and wait until it is up and healthy. */
  compose?: { files: string[]; healthySeconds?: number };
}

export interface VariableSpec {
  description: string;
  example?: string;
}

export interface ExerciseSpec {
  id: string;
  title: string;
  title_it?: string;
  description?: string;
  description_it?: string;
  /** Position in the course; `grade` and `grade list` follow it (then the id). */
  order?: number;
  /** Slide titles of the course this exercise comes from. */
  slides: string[];
  /** Values the exercise needs from the person grading (`--var name=value`), referenced as `${name}`. */
  variables?: Record<string, VariableSpec>;
  /** For grade repo: how the state is produced from the repository. */
  repo?: RepoSpec;
  checks: CheckSpec[];
}

/** A loaded, validated exercise and where it came from. */
export interface Exercise extends ExerciseSpec {
  file: string;
}

export function appliesIn(check: CheckSpec, mode: GradingMode): boolean {
  return !check.modes || check.modes.includes(mode);
}

export function maxPoints(ex: ExerciseSpec, mode: GradingMode = 'host'): number {
  return ex.checks.filter((c) => !c.bonus && appliesIn(c, mode)).reduce((sum, c) => sum + c.points, 0);
}
