import { phrase } from '../messages/phrase';
import { SetupError } from '../errors/setup-error';
import { scoreRatio, type Attempt, type ExerciseHistory, type ReportInput } from '../report/input';
import { totalScore, type ExerciseResult, type GradeResult } from '../result/types';

/** Rows of earlier attempts a report shows per exercise. */
export const RECENT_ATTEMPTS = 10;

/**
 * Whose attempts count as "earlier" for a result: the same graded host, and the
 * same student when the result names one (`--student`). Without an id a shared
 * host cannot tell students apart, so every earlier grading of it counts.
 */
export function sameLearner(current: GradeResult, earlier: GradeResult): boolean {
  if (earlier.target.endpoint !== current.target.endpoint) return false;
  const id = current.student?.id;
  return id === undefined || earlier.student?.id === id;
}

/** Oldest first by start time; records that started at the same time keep their order in the file. */
function chronological(records: readonly GradeResult[]): GradeResult[] {
  return records
    .map((r, i) => ({ r, i, t: Date.parse(r.startedAt) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.r);
}

function attemptsAt(records: readonly GradeResult[], exerciseId: string): Attempt[] {
  return records.flatMap((r) => {
    const e = r.exercises.find((x) => x.id === exerciseId);
    return e ? [{ startedAt: r.startedAt, score: e.score }] : [];
  });
}

/** `earlier` oldest first. Best = highest fraction of the maximum; among equals the most recent. */
function summarize(gradedAt: string, earlier: readonly Attempt[]): ExerciseHistory {
  let best: Attempt | undefined;
  for (const a of earlier) if (!best || scoreRatio(a.score) >= scoreRatio(best.score)) best = a;
  return { gradedAt, ...(best ? { best } : {}), recent: earlier.slice(-RECENT_ATTEMPTS).reverse(), count: earlier.length };
}

/** History of each exercise in a fresh result, from the records that were in the history before it. */
export function historyFor(current: GradeResult, earlierRecords: readonly GradeResult[]): Map<string, ExerciseHistory> {
  const mine = chronological(earlierRecords.filter((r) => sameLearner(current, r)));
  return new Map(current.exercises.map((e) => [e.id, summarize(current.startedAt, attemptsAt(mine, e.id))]));
}

/**
 * What `grade report` renders: for each exercise its latest graded result, with
 * the attempts before that one. Records are those of the learner of the most
 * recent record (its host and student), so one history file can serve a teacher
 * grading several hosts without mixing them.
 */
export function reportFromHistory(records: readonly GradeResult[], ids: readonly string[], file: string): ReportInput {
  const ordered = chronological(records);
  const latest = ordered.at(-1);
  if (!latest) throw new SetupError(phrase('error.historyEmpty', { file }), phrase('error.historyEmptyAdvice'));
  const mine = ordered.filter((r) => sameLearner(latest, r));
  const known = [...new Set(mine.flatMap((r) => r.exercises.map((e) => e.id)))];
  const missing = ids.filter((id) => !known.includes(id));
  if (missing.length) {
    throw new SetupError(
      phrase('error.noAttempt', { ids: missing.join(', '), endpoint: latest.target.endpoint, file }),
      phrase('error.noAttemptAdvice', { first: missing[0], known: known.length ? known.join(', ') : phrase('error.nothing') }),
    );
  }
  const wanted = ids.length ? known.filter((id) => ids.includes(id)) : known;

  const exercises: ExerciseResult[] = [];
  const history = new Map<string, ExerciseHistory>();
  const sources = new Set<number>();
  for (const id of wanted) {
    const at = mine.findLastIndex((r) => r.exercises.some((e) => e.id === id));
    const source = mine[at]!;
    sources.add(at);
    exercises.push(source.exercises.find((e) => e.id === id)!);
    history.set(id, summarize(source.startedAt, attemptsAt(mine.slice(0, at), id)));
  }
  const used = [...sources].sort((a, b) => a - b).map((i) => mine[i]!);
  const newest = used.at(-1)!;
  const result: GradeResult = {
    schemaVersion: 1,
    grader: newest.grader,
    target: newest.target,
    ...(newest.student ? { student: newest.student } : {}),
    startedAt: newest.startedAt,
    durationMs: used.reduce((s, r) => s + r.durationMs, 0),
    score: totalScore(exercises),
    exercises,
    ...(newest.lang ? { lang: newest.lang } : {}),
  };
  return { result, history };
}
