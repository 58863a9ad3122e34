import type { Lang } from '../messages/catalog';
import type { GradeResult, Score } from '../result/types';

/** One grading of one exercise, as the history remembers it. */
export interface Attempt {
  startedAt: string;
  score: Score;
}

/** What the history knows about one exercise of the result being reported. */
export interface ExerciseHistory {
  /** When the reported result of this exercise was graded: in `grade report` each exercise may come from another run. */
  gradedAt: string;
  /** The best earlier attempt (ties: the most recent one). */
  best?: Attempt;
  /** Earlier attempts, most recent first, at most a screenful. */
  recent: Attempt[];
  /** How many earlier attempts there are in all (`recent` may show fewer). */
  count: number;
}

/**
 * What a file reporter renders. History travels beside the result, not inside
 * it, so the published GradeResult contract keeps its shape.
 */
export interface ReportInput {
  result: GradeResult;
  /** By exercise id; absent when history is off (`--no-history`). */
  history?: ReadonlyMap<string, ExerciseHistory>;
  /** Language of the report's own words (default English); the result's messages are in the language they were graded in. */
  lang?: Lang;
  /** IANA zone for the times shown (default: this machine's). */
  timeZone?: string;
}

/** Scores compare as fractions, so an exercise whose spec changed its maximum still ranks sensibly. */
export function scoreRatio(s: Score): number {
  return s.max > 0 ? s.points / s.max : 0;
}
