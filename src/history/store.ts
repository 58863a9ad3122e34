import { closeSync, fsyncSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { SetupError } from '../errors/setup-error';
import { phrase, type Phrase } from '../messages/phrase';
import { gradeResultValidator } from '../result/result-validator';
import type { GradeResult } from '../result/types';
import { HistoryLockedError, withHistoryLock } from './history-lock';
import { makeFolder } from '../files/make-folder';

/*
 * The history is JSON Lines: a header line naming the format and its version,
 * then one GradeResult per line (each valid against the published schema, so
 * `jq` and other tools can read it), oldest first.
 *
 * Appends are one `write` of one whole line to a file opened O_APPEND, then
 * fsync. Rewriting the whole file into a temp file and renaming it would also
 * be atomic, but costs a copy of every earlier run each time, and two graders
 * running at once would each rename over the other's record; O_APPEND keeps
 * both. A crash can then leave only one kind of damage: a last line without its
 * newline. Readers ignore those bytes; the next append cuts them off first (and
 * says so), so a torn line never ends up in the middle. Appends hold a lock file
 * (history-lock.ts), so that cut can never take another grader's line. Anything else that is
 * wrong — not our header, a newer version, a line that is not a GradeResult —
 * is reported and the file is left exactly as it is.
 */

export const HISTORY_FORMAT = 'grade-history';
export const HISTORY_VERSION = 1;
const HEADER_LINE = `${JSON.stringify({ format: HISTORY_FORMAT, version: HISTORY_VERSION, records: 'one GradeResult per line, oldest first' })}\n`;
const NEWLINE = 0x0a;
/** Our header is far shorter; a first line longer than this is not ours. */
const HEADER_MAX_BYTES = 4096;

export interface History {
  file: string;
  exists: boolean;
  /** In the order they were appended. */
  records: GradeResult[];
  /** Bytes after the last newline: an append cut short by a crash, ignored. */
  tornBytes: number;
}

function problem(file: string, what: Phrase, advice: Phrase = phrase('error.historyChooseAnother')): SetupError {
  return new SetupError(phrase('error.history', { file, what }), advice);
}

function ioProblem(file: string, e: unknown): SetupError {
  const code = (e as NodeJS.ErrnoException).code;
  const what = code === 'EISDIR' ? phrase('error.historyIsFolder') : phrase('error.historyUnusable', { code: code ?? String(e) });
  return problem(file, what, phrase('error.historyPermissions'));
}

/** Throws unless `firstLine` (without its newline) is a header this version of grade can read. */
function checkHeader(file: string, firstLine: string): void {
  let header: unknown;
  try {
    header = JSON.parse(firstLine);
  } catch {
    header = undefined;
  }
  const h = header as { format?: unknown; version?: unknown } | undefined;
  if (typeof h !== 'object' || h === null || h.format !== HISTORY_FORMAT || typeof h.version !== 'number') {
    throw problem(file, phrase('error.historyNotOurs'));
  }
  if (h.version > HISTORY_VERSION) {
    throw problem(file, phrase('error.historyNewer', { version: h.version }), phrase('error.historyNewerAdvice'));
  }
  if (h.version !== HISTORY_VERSION) throw problem(file, phrase('error.historyUnknownVersion', { version: String(h.version) }));
}

/** A file with no complete line may be the start of our own first write, cut short. */
const isTornStart = (bytes: Buffer) => Buffer.from(HEADER_LINE).subarray(0, bytes.length).equals(bytes);

function parseRecord(file: string, line: string, lineNo: number): GradeResult {
  const where = `${file}:${lineNo}`;
  const damaged = phrase('error.historyDamagedAdvice');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new SetupError(phrase('error.history', { file: where, what: phrase('error.historyNotJson') }), damaged);
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > 1) {
    throw new SetupError(phrase('error.history', { file: where, what: phrase('error.historyNewerRecord', { version }) }), phrase('error.updateGrade'));
  }
  const validate = gradeResultValidator();
  if (!validate(value)) {
    const e = validate.errors?.[0];
    const why = e ? `${e.instancePath || '/'} ${e.message}` : 'invalid';
    throw new SetupError(phrase('error.history', { file: where, what: phrase('error.historyNotResult', { why }) }), damaged);
  }
  return value;
}

/** Reads and checks the whole history; a file that does not exist yet is an empty history. */
export function readHistory(file: string): History {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { file, exists: false, records: [], tornBytes: 0 };
    throw ioProblem(file, e);
  }
  const end = bytes.lastIndexOf(NEWLINE) + 1;
  const tornBytes = bytes.length - end;
  if (end === 0) {
    if (isTornStart(bytes)) return { file, exists: true, records: [], tornBytes };
    throw problem(file, phrase('error.historyNotOurs'));
  }
  const lines = bytes
    .subarray(0, end - 1)
    .toString('utf8')
    .split('\n');
  checkHeader(file, lines[0]!);
  const records: GradeResult[] = [];
  for (let i = 1; i < lines.length; i++) {
    // Blank lines carry nothing and harm nothing (a hand edit, say).
    if (lines[i]!.trim()) records.push(parseRecord(file, lines[i]!, i + 1));
  }
  return { file, exists: true, records, tornBytes };
}

function writeWhole(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  // One write call: on a local file system an O_APPEND write lands whole, after any other.
  for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
}

/** The directory entry of a new file is only durable once the directory is synced (POSIX; Windows cannot open a folder). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the data itself is synced already.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Position just after the last newline in the first `size` bytes, or 0 when there is none. */
function endOfLastLine(fd: number, size: number): number {
  const chunk = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const i = chunk.subarray(0, n).lastIndexOf(NEWLINE);
    if (i >= 0) return start + i + 1;
    end = start;
  }
  return 0;
}

export interface AppendOutcome {
  created: boolean;
  /** Bytes of an unfinished record (left by a crash) that were cut off before appending. */
  droppedBytes: number;
}

/**
 * Appends one result durably; never rewrites or truncates anything but a torn
 * last line, and does both holding the history's lock, so another grader's
 * append can be neither cut nor taken for a torn line.
 */
export function appendToHistory(file: string, result: GradeResult): AppendOutcome {
  const dir = path.dirname(file);
  try {
    makeFolder(dir);
  } catch (e) {
    throw ioProblem(file, e);
  }
  try {
    return withHistoryLock(file, () => appendLocked(file, result));
  } catch (e) {
    if (e instanceof HistoryLockedError)
      throw problem(file, phrase('error.historyLocked', { holder: e.holder || phrase('error.anotherGrader') }), phrase('error.historyLockedAdvice', { file }));
    throw e instanceof SetupError ? e : ioProblem(file, e);
  }
}

function appendLocked(file: string, result: GradeResult): AppendOutcome {
  const line = `${JSON.stringify(result)}\n`;
  const dir = path.dirname(file);
  try {
    const fd = openSync(file, 'wx');
    try {
      writeWhole(fd, HEADER_LINE + line);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    syncDir(dir);
    return { created: true, droppedBytes: 0 };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw ioProblem(file, e);
  }

  let fd: number;
  try {
    fd = openSync(file, 'a+');
  } catch (e) {
    throw ioProblem(file, e);
  }
  try {
    const size = fstatSync(fd).size;
    const end = endOfLastLine(fd, size);
    const head = Buffer.alloc(Math.min(end || size, HEADER_MAX_BYTES));
    readSync(fd, head, 0, head.length, 0);
    let prefix = '';
    if (end === 0) {
      // No complete line: only the cut-short start of our own first write may be replaced.
      if (!isTornStart(head)) throw problem(file, phrase('error.historyNotOurs'));
      prefix = HEADER_LINE;
    } else {
      const nl = head.indexOf(NEWLINE);
      if (nl < 0) throw problem(file, phrase('error.historyNotOurs'));
      checkHeader(file, head.subarray(0, nl).toString('utf8'));
    }
    if (end < size) {
      ftruncateSync(fd, end);
      fsyncSync(fd);
    }
    writeWhole(fd, prefix + line);
    fsyncSync(fd);
    return { created: false, droppedBytes: size - end };
  } catch (e) {
    throw e instanceof SetupError ? e : ioProblem(file, e);
  } finally {
    closeSync(fd);
  }
}
