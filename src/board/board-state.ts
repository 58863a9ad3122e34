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
  /** The student's own latest points, when a verified result is shown and they differ from it. */
  reported?: number;
}

export interface BoardStudent {
  id: string;
  name: string;
  results: number;
  lastAt?: string;
  lastSource?: ResultSource;
  /** The exercise the student is on and since when it has not improved, when that is longer than the threshold. */
  stuck?: { exercise: string; since: string; minutes: number };
  /** Why the latest SSH round could not grade this student's host, and when. */
  unreachable?: { reason: string; at: string };
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

/** What the page needs of one exercise from one source: a few numbers and the catalogue's check ids, never the pushed text. */
interface ExerciseProgress {
  points: number;
  max: number;
  errors: number;
  /** Check id → passed, for the catalogue's checks in the latest result. */
  checks: Record<string, boolean>;
  latestAt: number;
  best: number;
  /** When the best points were last raised (or first seen): what "not improved" is measured from. */
  improvedAt: number;
  fullAt?: number;
}

/** One student, as the page shows them: bounded by the catalogue, whatever was pushed. Saved as it is, so a restart reads this, not the history. */
export interface StudentProgress {
  results: number;
  lastAt?: number;
  lastSource?: ResultSource;
  /** Known exercise ids of the latest result, in its order. */
  lastExercises: string[];
  /** Exercise id → per source (verified SSH/CI rounds, self-reported pushes). */
  exercises: Record<string, Partial<Record<ResultSource, ExerciseProgress>>>;
  unreachable?: { reason: string; at: number };
  /** The highest seq folded in: a restart folds only what came after. */
  upTo: number;
}

const DAY_MS = 24 * 3600_000;
/** Recent seqs remembered to fold a result in once (another instance's notice may race our own push). */
const SEEN_SEQS = 4096;

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

const isFull = (e: Pick<ExerciseProgress, 'points' | 'max'>) => e.max > 0 && e.points >= e.max;

/** The record shown for an exercise: a verified one wins over what the student reported. */
function shown(e: Partial<Record<ResultSource, ExerciseProgress>> | undefined): [ResultSource, ExerciseProgress] | undefined {
  if (e?.batch) return ['batch', e.batch];
  if (e?.self) return ['self', e.self];
  return undefined;
}

/**
 * The class at a glance, folded from stored results one at a time (in any
 * order: the latest by time wins). Holds per student and catalogue exercise a
 * few numbers, so its size is the class's, not the pushes'. Knows nothing of
 * HTTP or databases, so the stuck rule and the shares are tested with plain data.
 */
export class BoardState {
  private readonly progress = new Map<string, StudentProgress>();
  private readonly checkIds: Map<string, Set<string>>;
  private readonly seen = new Set<number>();
  /** Students changed since the last `takeChanged`: what to save. */
  private readonly changed = new Set<string>();

  constructor(
    readonly roster: readonly ClassMember[],
    readonly exercises: readonly BoardExercise[],
  ) {
    for (const m of roster) this.progress.set(m.id, { results: 0, lastExercises: [], exercises: {}, upTo: 0 });
    this.checkIds = new Map(exercises.map((e) => [e.id, new Set(e.checks.map((c) => c.id))]));
  }

  has(seq: number): boolean {
    return this.seen.has(seq);
  }

  /** The saved progress of a student, as `saved()` gave it; ignored for someone no longer in the class file. */
  restore(studentId: string, saved: StudentProgress): void {
    if (!this.progress.has(studentId)) return;
    const known: StudentProgress['exercises'] = {};
    for (const [id, e] of Object.entries(saved.exercises)) if (this.checkIds.has(id)) known[id] = e;
    this.progress.set(studentId, { ...saved, lastExercises: saved.lastExercises.filter((id) => this.checkIds.has(id)), exercises: known });
  }

  /** The highest seq folded in for a student (0: none). */
  upTo(studentId: string): number {
    return this.progress.get(studentId)?.upTo ?? 0;
  }

  /** Students changed since the last call, with what to save for each. */
  takeChanged(): [string, StudentProgress][] {
    const out = [...this.changed].map((id): [string, StudentProgress] => [id, this.progress.get(id)!]);
    this.changed.clear();
    return out;
  }

  /** Folds one stored result in; false when it was already folded in (or is for nobody in the class file). */
  apply(r: StoredResult): boolean {
    const p = this.progress.get(r.studentId);
    if (this.seen.has(r.seq) || !p) return false;
    this.seen.add(r.seq);
    if (this.seen.size > SEEN_SEQS) this.seen.delete(this.seen.values().next().value!);
    this.changed.add(r.studentId);
    p.upTo = Math.max(p.upTo, r.seq);
    const at = resultTime(r);
    p.results++;
    if (r.source === 'batch' && p.unreachable && at >= p.unreachable.at) delete p.unreachable;
    const known = r.result.exercises.filter((e) => this.checkIds.has(e.id));
    if (p.lastAt === undefined || at >= p.lastAt) {
      p.lastAt = at;
      p.lastSource = r.source;
      p.lastExercises = known.map((e) => e.id);
    }
    for (const e of known) this.foldExercise((p.exercises[e.id] ??= {}), e, at, r.source);
    return true;
  }

  /** Why an SSH round could not grade this student's host (cleared by their next verified result). */
  setUnreachable(studentId: string, reason: string, at: number): boolean {
    const p = this.progress.get(studentId);
    if (!p) return false;
    p.unreachable = { reason, at };
    this.changed.add(studentId);
    return true;
  }

  private foldExercise(bySource: Partial<Record<ResultSource, ExerciseProgress>>, e: ExerciseResult, at: number, source: ResultSource): void {
    const ids = this.checkIds.get(e.id)!;
    const checks: Record<string, boolean> = {};
    for (const c of e.checks) if (ids.has(c.id)) checks[c.id] = c.status === 'pass';
    const latest = { points: e.score.points, max: e.score.max, errors: e.checks.filter((c) => c.status === 'error').length, checks, latestAt: at };
    const old = bySource[source];
    if (!old) {
      bySource[source] = { ...latest, best: latest.points, improvedAt: at, ...(isFull(latest) ? { fullAt: at } : {}) };
      return;
    }
    if (at >= old.latestAt) Object.assign(old, latest);
    if (latest.points > old.best || (latest.points === old.best && at < old.improvedAt)) {
      old.improvedAt = at;
      old.best = latest.points;
    }
    if (isFull(latest) && (old.fullAt === undefined || at < old.fullAt)) old.fullAt = at;
  }

  /**
   * The exercise a student is on: of the latest result's exercises not at full
   * marks, the one improved most recently (a student who runs `grade web_server`
   * again and again is on web_server; a batch round grades everything).
   */
  private currentExercise(p: StudentProgress): [string, ExerciseProgress] | undefined {
    const open = p.lastExercises.flatMap((id): [string, ExerciseProgress][] => {
      const e = shown(p.exercises[id])?.[1];
      return e && !isFull(e) ? [[id, e]] : [];
    });
    return open.sort((a, b) => b[1].improvedAt - a[1].improvedAt)[0];
  }

  view(now: number, stuckMinutes: number): BoardView {
    const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
    const students: BoardStudent[] = this.roster.map((m) => {
      const p = this.progress.get(m.id)!;
      const cells: BoardCell[] = this.exercises.map(({ id }) => {
        const found = shown(p.exercises[id]);
        if (!found) return { exercise: id, state: 'absent', errors: 0 };
        const [source, e] = found;
        const self = p.exercises[id]!.self;
        return {
          exercise: id,
          state: isFull(e) ? 'full' : e.points === 0 ? 'zero' : 'partial',
          points: e.points,
          max: e.max,
          errors: e.errors,
          source,
          ...(e.fullAt !== undefined ? { fullAt: iso(e.fullAt)! } : {}),
          ...(source === 'batch' && self && self.points !== e.points ? { reported: self.points } : {}),
        };
      });
      const current = this.currentExercise(p);
      const minutes = current ? Math.floor((now - current[1].improvedAt) / 60_000) : 0;
      return {
        id: m.id,
        name: m.name,
        results: p.results,
        ...(p.lastAt !== undefined ? { lastAt: iso(p.lastAt)!, lastSource: p.lastSource! } : {}),
        ...(current && minutes >= stuckMinutes ? { stuck: { exercise: current[0], since: iso(current[1].improvedAt)!, minutes } } : {}),
        ...(p.unreachable ? { unreachable: { reason: p.unreachable.reason, at: iso(p.unreachable.at)! } } : {}),
        cells,
      };
    });
    // Per check: pass and seen counts over every student's shown result of its exercise, in one pass.
    const tally = new Map<string, { pass: number; of: number }>();
    for (const p of this.progress.values()) {
      for (const [exId, bySource] of Object.entries(p.exercises)) {
        for (const [check, pass] of Object.entries(shown(bySource)?.[1].checks ?? {})) {
          const key = `${exId}\u0000${check}`;
          const t = tally.get(key) ?? { pass: 0, of: 0 };
          t.of++;
          if (pass) t.pass++;
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
        results: students.reduce((n, s) => n + s.results, 0),
      },
    };
  }
}
