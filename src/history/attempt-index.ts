import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { replaceFile } from '../files/replace-file';
import { scoreRatio, type Attempt, type ExerciseHistory } from '../report/input';
import type { GradeResult } from '../result/types';
import { RECENT_ATTEMPTS } from './attempts';
import { SetupError } from '../errors/setup-error';
import { checkHistoryHeader, HISTORY_HEADER_BYTES, ioProblem, readHistoryFrom, type AppendOutcome } from './store';

/*
 * What a run shows of the history — per exercise, the number of earlier
 * attempts, the best one and the last few — kept in an index beside the history
 * (`history.jsonl.index`), so that a run reads that small file and only the
 * records appended since, however long the semester's history has grown.
 *
 * The history stays whole and the one truth (`grade report` and `jq` read it);
 * the index is a cache of it that can always be rebuilt. It names how many
 * bytes of the history it covers and a digest of the last of them: a history
 * that was shortened, replaced or edited near its end no longer matches, and is
 * read whole once more (as every run did before the index). Records are checked
 * when they are first read into the index, not on every run: an edit deep
 * inside an indexed history is found by `grade report`, which reads it whole.
 *
 * Bounded in size by learners × exercises × RECENT_ATTEMPTS, never by attempts.
 */

const INDEX_FORMAT = 'grade-history-index';
const INDEX_VERSION = 1;
/** The covered bytes' last this many are digested: they always hold the end of the last covered record. */
const DIGEST_BYTES = 1024;

/** An attempt with its place in time and in the file, the order the history's own reader sorts by. */
interface Placed extends Attempt {
  /** Date.parse(startedAt). */
  t: number;
  /** The record's position among the history's records (ties of t keep file order). */
  i: number;
}

interface ExerciseAttempts {
  count: number;
  best: Placed;
  /** The last RECENT_ATTEMPTS, oldest first. */
  recent: Placed[];
}

interface IndexFile {
  format: typeof INDEX_FORMAT;
  version: number;
  /** Bytes of the history covered (always just after a newline), and the digest of their last DIGEST_BYTES. */
  bytes: number;
  digest: string;
  /** Lines covered, the header included (a damaged record after them is named by its line). */
  lines: number;
  records: number;
  /** endpoint → student id ('' for none) → exercise id → attempts. */
  learners: Record<string, Record<string, Record<string, ExerciseAttempts>>>;
}

/** What a run needs of its history: where it is, and the attempts before a new result. */
export interface AttemptHistory {
  file: string;
  /** Per exercise of `current`, the earlier attempts of the same learner (see sameLearner). */
  before(current: GradeResult): Map<string, ExerciseHistory>;
  /** After `current` was appended (`outcome` says where): the index follows, when nobody else appended in between. */
  appended(current: GradeResult, outcome: AppendOutcome): void;
}

const later = (a: Placed, b: Placed) => a.t > b.t || (a.t === b.t && a.i > b.i);
const chronological = (a: Placed, b: Placed) => a.t - b.t || a.i - b.i;

function add(index: IndexFile, record: GradeResult): void {
  const i = index.records++;
  const t = Date.parse(record.startedAt);
  const byStudent = (index.learners[record.target.endpoint] ??= {});
  const byExercise = (byStudent[record.student?.id ?? ''] ??= {});
  for (const e of record.exercises) {
    const a: Placed = { startedAt: record.startedAt, score: e.score, t, i };
    const known = byExercise[e.id];
    if (!known) {
      byExercise[e.id] = { count: 1, best: a, recent: [a] };
      continue;
    }
    known.count++;
    const ratio = scoreRatio(a.score);
    const bestRatio = scoreRatio(known.best.score);
    if (ratio > bestRatio || (ratio === bestRatio && later(a, known.best))) known.best = a;
    known.recent.push(a);
    known.recent.sort(chronological);
    if (known.recent.length > RECENT_ATTEMPTS) known.recent.splice(0, known.recent.length - RECENT_ATTEMPTS);
  }
}

const plain = (a: Placed): Attempt => ({ startedAt: a.startedAt, score: a.score });

/** As historyFor (attempts.ts) computes it from every record, from the index. */
function before(index: IndexFile, current: GradeResult): Map<string, ExerciseHistory> {
  const byStudent = index.learners[current.target.endpoint] ?? {};
  const id = current.student?.id;
  const theirs = Object.entries(byStudent)
    .filter(([student]) => id === undefined || student === id)
    .map(([, byExercise]) => byExercise);
  return new Map(
    current.exercises.map((e) => {
      const all = theirs.map((x) => x[e.id]).filter((x): x is ExerciseAttempts => x !== undefined);
      let best: Placed | undefined;
      for (const x of all) {
        if (!best || scoreRatio(x.best.score) > scoreRatio(best.score) || (scoreRatio(x.best.score) === scoreRatio(best.score) && later(x.best, best)))
          best = x.best;
      }
      const recent = all
        .flatMap((x) => x.recent)
        .sort(chronological)
        .slice(-RECENT_ATTEMPTS)
        .reverse()
        .map(plain);
      const count = all.reduce((n, x) => n + x.count, 0);
      return [e.id, { gradedAt: current.startedAt, ...(best ? { best: plain(best) } : {}), recent, count }];
    }),
  );
}

export const indexFileOf = (history: string) => `${history}.index`;

/** The digest of the `bytes` first bytes' last DIGEST_BYTES; undefined when the file is shorter. */
function digestOf(fd: number, bytes: number): string | undefined {
  const start = Math.max(0, bytes - DIGEST_BYTES);
  const buf = Buffer.alloc(bytes - start);
  if (readSync(fd, buf, 0, buf.length, start) !== buf.length) return undefined;
  return createHash('sha256').update(buf).digest('hex');
}

function readIndex(file: string): IndexFile | undefined {
  try {
    const index = JSON.parse(readFileSync(indexFileOf(file), 'utf8')) as IndexFile;
    return index.format === INDEX_FORMAT && index.version === INDEX_VERSION && typeof index.bytes === 'number' ? index : undefined;
  } catch {
    return undefined;
  }
}

function writeIndex(file: string, index: IndexFile): void {
  try {
    replaceFile(indexFileOf(file), `${JSON.stringify(index)}\n`);
  } catch {
    // A cache: a folder that takes the history but not this file only makes the next run read more.
  }
}

function freshIndex(): IndexFile {
  return { format: INDEX_FORMAT, version: INDEX_VERSION, bytes: 0, digest: '', lines: 0, records: 0, learners: {} };
}

/**
 * The history's attempts for a run: from the index, plus the records appended
 * since it was written (read and checked as readHistory checks them). A damaged
 * or foreign history is a SetupError, as with readHistory; a file that does
 * not exist yet is an empty history.
 */
export function readAttemptHistory(file: string): AttemptHistory {
  let index = readIndex(file);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (!fstatSync(fd).isFile()) {
      closeSync(fd);
      fd = undefined;
    }
  } catch {
    fd = undefined;
  }
  if (fd === undefined) {
    // No history yet, or one the whole reader says what is wrong with (a folder, no permission).
    index = freshIndex();
    for (const r of readHistoryFrom(file, 0).records) add(index, r);
  } else {
    try {
      const size = fstatSync(fd).size;
      checkHistoryHeader(file, fd, size);
      if (!index || index.bytes > size || digestOf(fd, index.bytes) !== index.digest) index = freshIndex();
      const { records, end, lines } = readHistoryFrom(file, index.bytes, fd, index.lines);
      if (records.length || end !== index.bytes) {
        for (const r of records) add(index, r);
        index.bytes = end;
        index.lines = lines;
        index.digest = digestOf(fd, end) ?? '';
        writeIndex(file, index);
      }
    } catch (e) {
      throw e instanceof SetupError ? e : ioProblem(file, e);
    } finally {
      closeSync(fd);
    }
  }
  const current = index;
  return {
    file,
    before: (result) => before(current, result),
    appended(result, outcome) {
      // Nobody appended since this index was read (or the file was only our header, just written).
      const next = outcome.offset === current.bytes || (current.bytes === 0 && outcome.offset === HISTORY_HEADER_BYTES);
      if (!next) return;
      add(current, result);
      current.lines = Math.max(current.lines, 1) + 1;
      current.bytes = outcome.end;
      let f: number | undefined;
      try {
        f = openSync(file, 'r');
        current.digest = digestOf(f, outcome.end) ?? '';
        writeIndex(file, current);
      } catch {
        // The next run catches up from the history itself.
      } finally {
        if (f !== undefined) closeSync(f);
      }
    },
  };
}
