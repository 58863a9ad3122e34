import type { ClassMember } from '../batch/hosts-file';
import type { ExerciseResult } from '../result/types';
import type { ResultSource, StoredResult } from './board-store';

/** The board's columns: the exercises of the catalog, with their checks. */
export interface BoardExercise {
  id: string;
  title: string;
  checks: { id: string; title: string }[];
}

export interface BoardCell {
  exercise: string;
  state: 'full' | 'partial' | 'zero' | 'absent';
  points?: number;
  max?: number;
  /** Checks the grader could not decide in the latest result. */
  errors: number;
  source?: ResultSource;
  /** When this exercise first reached full marks (ISO), if it did. */
  fullAt?: string;
}

export interface BoardStudent {
  id: string;
  name: string;
  results: number;
  lastAt?: string;
  lastSource?: ResultSource;
  /** The exercise the student is on and since when it has not improved, when that is longer than the threshold. */
  stuck?: { exercise: string; since: string; minutes: number };
  cells: BoardCell[];
}

export interface CheckShare {
  exercise: string;
  check: string;
  title: string;
  pass: number;
  /** Students whose latest result of the exercise has this check. */
  of: number;
}

export interface BoardView {
  generatedAt: string;
  stuckMinutes: number;
  exercises: { id: string; title: string }[];
  students: BoardStudent[];
  checks: CheckShare[];
  summary: { students: number; reporting: number; stuck: number; results: number };
}

interface ExerciseProgress {
  latest: ExerciseResult;
  latestAt: number;
  source: ResultSource;
  best: number;
  /** When the best points were last raised (or first seen): what "not improved" is measured from. */
  improvedAt: number;
  fullAt?: number;
}

interface StudentProgress {
  results: number;
  lastAt?: number;
  lastSource?: ResultSource;
  /** Exercise ids of the latest result, in its order. */
  lastExercises: string[];
  exercises: Map<string, ExerciseProgress>;
}

const DAY_MS = 24 * 3600_000;

/**
 * When a result happened, on the board's clock: when its grading finished, if
 * that is plausible (a queued push arrives later than it was graded); else
 * when it arrived (a student's clock may be wrong).
 */
export function resultTime(r: Pick<StoredResult, 'receivedAt' | 'result'>): number {
  const received = Date.parse(r.receivedAt);
  const finished = Date.parse(r.result.startedAt) + r.result.durationMs;
  return Number.isFinite(finished) && finished <= received && finished >= received - DAY_MS ? finished : received;
}

const isFull = (e: ExerciseResult) => e.score.max > 0 && e.score.points >= e.score.max;

/**
 * The class at a glance, folded from stored results one at a time (in any
 * order: the latest by time wins). Knows nothing of HTTP or databases, so the
 * stuck rule and the shares are tested with plain data.
 */
export class BoardState {
  private readonly progress = new Map<string, StudentProgress>();
  private readonly seen = new Set<number>();
  private count = 0;

  constructor(
    readonly roster: readonly ClassMember[],
    readonly exercises: readonly BoardExercise[],
  ) {
    for (const m of roster) this.progress.set(m.id, { results: 0, lastExercises: [], exercises: new Map() });
  }

  has(seq: number): boolean {
    return this.seen.has(seq);
  }

  /** Folds one stored result in; false when it was already folded in (or is for nobody in the class file). */
  apply(r: StoredResult): boolean {
    const p = this.progress.get(r.studentId);
    if (this.seen.has(r.seq) || !p) return false;
    this.seen.add(r.seq);
    this.count++;
    const at = resultTime(r);
    p.results++;
    if (p.lastAt === undefined || at >= p.lastAt) {
      p.lastAt = at;
      p.lastSource = r.source;
      p.lastExercises = r.result.exercises.map((e) => e.id);
    }
    for (const e of r.result.exercises) this.foldExercise(p, e, at, r.source);
    return true;
  }

  private foldExercise(p: StudentProgress, e: ExerciseResult, at: number, source: ResultSource): void {
    const old = p.exercises.get(e.id);
    if (!old) {
      p.exercises.set(e.id, { latest: e, latestAt: at, source, best: e.score.points, improvedAt: at, ...(isFull(e) ? { fullAt: at } : {}) });
      return;
    }
    if (at >= old.latestAt) Object.assign(old, { latest: e, latestAt: at, source });
    if (e.score.points > old.best || (e.score.points === old.best && at < old.improvedAt)) {
      old.improvedAt = at;
      old.best = e.score.points;
    }
    if (isFull(e) && (old.fullAt === undefined || at < old.fullAt)) old.fullAt = at;
  }

  /**
   * The exercise a student is on: of the latest result's exercises not at full
   * marks, the one improved most recently (a student who runs `grade web_server`
   * again and again is on web_server; a batch round grades everything).
   */
  private currentExercise(p: StudentProgress): ExerciseProgress | undefined {
    const open = p.lastExercises.map((id) => p.exercises.get(id)!).filter((e) => !isFull(e.latest));
    return open.sort((a, b) => b.improvedAt - a.improvedAt)[0];
  }

  view(now: number, stuckMinutes: number): BoardView {
    const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
    const students: BoardStudent[] = this.roster.map((m) => {
      const p = this.progress.get(m.id)!;
      const cells: BoardCell[] = this.exercises.map(({ id }) => {
        const e = p.exercises.get(id);
        if (!e) return { exercise: id, state: 'absent', errors: 0 };
        const { points, max } = e.latest.score;
        return {
          exercise: id,
          state: isFull(e.latest) ? 'full' : points === 0 ? 'zero' : 'partial',
          points,
          max,
          errors: e.latest.checks.filter((c) => c.status === 'error').length,
          source: e.source,
          ...(e.fullAt !== undefined ? { fullAt: iso(e.fullAt)! } : {}),
        };
      });
      const current = this.currentExercise(p);
      const minutes = current ? Math.floor((now - current.improvedAt) / 60_000) : 0;
      return {
        id: m.id,
        name: m.name,
        results: p.results,
        ...(p.lastAt !== undefined ? { lastAt: iso(p.lastAt)!, lastSource: p.lastSource! } : {}),
        ...(current && minutes >= stuckMinutes ? { stuck: { exercise: current.latest.id, since: iso(current.improvedAt)!, minutes } } : {}),
        cells,
      };
    });
    // Per check: pass and seen counts over every student's latest result of its exercise, in one pass.
    const tally = new Map<string, { pass: number; of: number }>();
    for (const p of this.progress.values()) {
      for (const [exId, e] of p.exercises) {
        for (const c of e.latest.checks) {
          const key = `${exId}\u0000${c.id}`;
          const t = tally.get(key) ?? { pass: 0, of: 0 };
          t.of++;
          if (c.status === 'pass') t.pass++;
          tally.set(key, t);
        }
      }
    }
    const checks: CheckShare[] = this.exercises.flatMap((ex) =>
      ex.checks.map((c) => ({ exercise: ex.id, check: c.id, title: c.title, ...(tally.get(`${ex.id}\u0000${c.id}`) ?? { pass: 0, of: 0 }) })),
    );
    return {
      generatedAt: new Date(now).toISOString(),
      stuckMinutes,
      exercises: this.exercises.map(({ id, title }) => ({ id, title })),
      students,
      checks,
      summary: {
        students: students.length,
        reporting: students.filter((s) => s.results > 0).length,
        stuck: students.filter((s) => s.stuck).length,
        results: this.count,
      },
    };
  }
}
