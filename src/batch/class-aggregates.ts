import { isAdvice, type CheckResult, type GradeResult } from '../result/types';

/** One bar of an exercise's score histogram: how many students scored in this band of its maximum. */
export interface HistogramBin {
  label: string;
  count: number;
}

/** How the class did on one check: the instructor's "what to re-explain". */
export interface CheckAggregate {
  id: string;
  title: string;
  kind: string;
  maxPoints: number;
  bonus?: boolean;
  /** Students whose result holds this check. */
  graded: number;
  passed: number;
  failed: number;
  skipped: number;
  /** The grader could not decide: not counted for or against the class. */
  errored: number;
  /** passed / (graded − errored), rounded to 3 decimals; null when no student's outcome was decided. */
  passShare: number | null;
  /** The failure message most students got (grouped by message id when there is one), and how many got it. */
  commonFailure?: { message: string; messageId?: string; count: number };
}

export interface ExerciseAggregate {
  id: string;
  title: string;
  /** Students whose result holds this exercise. */
  graded: number;
  /** 0 %, 1–24 %, 25–49 %, 50–74 %, 75–99 %, 100 % of the exercise's maximum. */
  histogram: HistogramBin[];
  /** Required checks worst first, then bonus and advice checks worst first. */
  checks: CheckAggregate[];
}

export const HISTOGRAM_LABELS = ['0%', '1–24%', '25–49%', '50–74%', '75–99%', '100%'] as const;

/** The band of a score: none at all and full marks get a bar of their own, the rest quarters of the maximum. */
export function histogramBand(points: number, max: number): number {
  if (points <= 0) return 0;
  if (points >= max) return 5;
  const percent = (100 * points) / max;
  return percent < 25 ? 1 : percent < 50 ? 2 : percent < 75 ? 3 : 4;
}

function mostCommon(messages: readonly { message: string; messageId?: string }[]): CheckAggregate['commonFailure'] {
  const groups = new Map<string, { message: string; messageId?: string; count: number }>();
  for (const m of messages) {
    const key = m.messageId ?? `text:${m.message}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { message: m.message, ...(m.messageId ? { messageId: m.messageId } : {}), count: 1 });
  }
  // Ties: the group met first (students in class order) wins, so the answer is stable.
  let best: CheckAggregate['commonFailure'];
  for (const g of groups.values()) if (!best || g.count > best.count) best = g;
  return best;
}

/**
 * Per exercise: the score histogram, and per check the share of students who
 * passed and the most common failure — from the graded students' results only
 * (a host that could not be graded says nothing about the class's work).
 */
export function classAggregates(results: readonly GradeResult[], exercises: readonly { id: string; title: string }[]): ExerciseAggregate[] {
  return exercises.map(({ id, title }) => {
    const graded = results.flatMap((r) => r.exercises.filter((e) => e.id === id));
    const histogram = HISTOGRAM_LABELS.map((label) => ({ label, count: 0 }));
    for (const e of graded) histogram[histogramBand(e.score.points, e.score.max)]!.count++;

    const order: string[] = [];
    const byCheck = new Map<string, CheckResult[]>();
    for (const e of graded) {
      for (const c of e.checks) {
        if (!byCheck.has(c.id)) {
          byCheck.set(c.id, []);
          order.push(c.id);
        }
        byCheck.get(c.id)!.push(c);
      }
    }
    const checks = order.map((checkId): CheckAggregate => {
      const outcomes = byCheck.get(checkId)!;
      const latest = outcomes.at(-1)!;
      const count = (s: string) => outcomes.filter((c) => c.status === s).length;
      const passed = count('pass');
      const errored = count('error');
      const decided = outcomes.length - errored;
      const commonFailure = mostCommon(outcomes.filter((c) => c.status === 'fail'));
      return {
        id: checkId,
        title: latest.title,
        kind: latest.kind,
        maxPoints: latest.maxPoints,
        ...(latest.bonus ? { bonus: true } : {}),
        graded: outcomes.length,
        passed,
        failed: count('fail'),
        skipped: count('skip'),
        errored,
        passShare: decided ? Math.round((1000 * passed) / decided) / 1000 : null,
        ...(commonFailure ? { commonFailure } : {}),
      };
    });
    const extra = (c: CheckAggregate) => (c.bonus || isAdvice(c) ? 1 : 0);
    const share = (c: CheckAggregate) => c.passShare ?? 2; // undecided everywhere: nothing to re-explain, last
    const sorted = checks
      .map((c, i) => ({ c, i }))
      .sort((a, b) => extra(a.c) - extra(b.c) || share(a.c) - share(b.c) || b.c.maxPoints - a.c.maxPoints || a.i - b.i)
      .map((x) => x.c);
    return { id, title, graded: graded.length, histogram, checks: sorted };
  });
}
