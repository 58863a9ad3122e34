// The floor of the project: every folder may import this file, and it imports nothing of the project.

/** What a check saw: shown in reports as expected vs actual, plus the command to see it yourself. */
export interface Evidence {
  expected?: unknown;
  actual?: unknown;
  /** A docker (or curl) command a student can type to see the same thing. */
  command?: string;
}

/** `error` is reserved for "the grader could not decide"; a kind never blames the student for it. */
export type VerdictStatus = 'pass' | 'fail' | 'error';

export type TargetKind = 'local' | 'ssh' | 'repo';

export type CheckStatus = 'pass' | 'fail' | 'skip' | 'error';

export interface Score {
  points: number;
  max: number;
}

export interface CheckResult {
  id: string;
  title: string;
  kind: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  bonus?: boolean;
  message: string;
  messageId?: string;
  hint?: string;
  /** The command of the hint, to copy on its own. */
  hintCommand?: string;
  slide?: string;
  warning?: string;
  evidence?: Evidence;
  durationMs: number;
}

export interface ExerciseResult {
  id: string;
  title: string;
  slides: string[];
  score: Score;
  checks: CheckResult[];
}

export interface StudentInfo {
  id?: string;
  name?: string;
}

/** An exercise that was asked for or looked for, but not graded in this run, and why. */
export interface NotGraded {
  id: string;
  title: string;
  reason: string;
}

export interface GradeResult {
  schemaVersion: 1;
  grader: { name: string; version: string };
  target: { kind: TargetKind; endpoint: string; dockerVersion: string };
  student?: StudentInfo;
  startedAt: string;
  durationMs: number;
  score: Score;
  exercises: ExerciseResult[];
  /** Exercises left out of this run and why (a missing --var, files the repository does not have). */
  notGraded?: NotGraded[];
  /** The language its messages, titles and hints are in (absent from older graders' results): `grade report` frames them in it. */
  lang?: string;
}

/** A bonus worth no points: feedback only (grade repo's best-practice findings). Reports call it advice. */
export function isAdvice(c: Pick<CheckResult, 'bonus' | 'maxPoints'>): boolean {
  return Boolean(c.bonus) && c.maxPoints === 0;
}

/** Bonus points count toward an exercise's points but not its max, and never lift it above the max. */
export function exerciseScore(checks: readonly CheckResult[]): Score {
  const max = checks.filter((c) => !c.bonus).reduce((s, c) => s + c.maxPoints, 0);
  const earned = checks.reduce((s, c) => s + c.points, 0);
  return { points: Math.min(max, earned), max };
}

export function totalScore(exercises: readonly ExerciseResult[]): Score {
  return exercises.reduce((s, e) => ({ points: s.points + e.score.points, max: s.max + e.score.max }), { points: 0, max: 0 });
}

/** Exit status 0 only when every required check passed; bonus checks never fail a run. */
export function allRequiredPassed(result: GradeResult): boolean {
  return result.exercises.every((e) => e.checks.every((c) => c.bonus || c.status === 'pass'));
}
