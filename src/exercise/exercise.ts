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

/**
 * A state of the engine made by the commands a student types, and the verdict a
 * correct grader gives on it: `grade test` makes each one and compares. Written
 * by the course's maintainers and run with their rights: never taken from a
 * student's repository.
 */
export interface ExampleSpec {
  name: string;
  /** Typed line by line at a terminal; lines after `docker run -it …` go to the container until it exits. */
  setup: string;
  /** Written into the folder setup runs in: the text itself, or a file next to the spec. */
  files?: Record<string, string | { from: string }>;
  /** Exercise variables for grading this example (`dockerhub_user: alice`). */
  vars?: Record<string, string>;
  timeoutSeconds?: number;
  /** `full`: every check that is not a bonus passes. Otherwise these checks fail (and no other check fails). */
  expect: 'full' | { fail: string[]; messages?: Record<string, string> };
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
  /** For grade test only; grading ignores them. */
  examples?: ExampleSpec[];
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
