import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import { unguessableSibling } from '../files/replace-file';

/*
 * One writer at a time appends to a history. Appends themselves (O_APPEND, one
 * write) cannot overwrite each other, but the repair of a torn last line cuts
 * the file: without this lock, a second grader could append between the
 * repairer's look at the file and its cut, and lose its record — or the
 * repairer could take the second grader's half-written line for a crash's.
 *
 * The lock is a file created exclusively beside the history, holding
 * `pid@host`. A lock whose process is gone (same host), or that is older than
 * any append can take, was left by a killed grader and is broken.
 */

/** An append takes milliseconds; a lock held this long belongs to a process that is gone. */
const STALE_AFTER_MS = 30_000;
const WAIT_STEP_MS = 10;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The content of the lock at `lock` if it was left by a grader that is no longer running. */
function staleLock(lock: string): string | undefined {
  let text: string;
  let ageMs: number;
  try {
    text = readFileSync(lock, 'utf8');
    ageMs = Date.now() - statSync(lock).mtimeMs;
  } catch {
    return undefined; // gone already: the next attempt takes it
  }
  if (ageMs > STALE_AFTER_MS) return text;
  const m = /^(\d+)@(.*)\n$/.exec(text);
  // Written in one call right after creation: an empty or partial lock this young is being written.
  return m !== null && m[2] === os.hostname() && processGone(Number(m[1])) ? text : undefined;
}

/** Removes a stale lock; of several graders that find it stale, one moves it aside, the others find it gone. */
function breakLock(lock: string, staleText: string): void {
  const aside = unguessableSibling(lock, 'old');
  try {
    renameSync(lock, aside);
  } catch {
    return; // another grader broke it first
  }
  try {
    // Another grader may have broken it and taken a new lock between our look and our move: give that one back.
    if (readFileSync(aside, 'utf8') !== staleText) linkSync(aside, lock);
  } catch {
    // a third grader holds it now: nothing to give back to
  } finally {
    rmSync(aside, { force: true });
  }
}

export class HistoryLockedError extends Error {
  constructor(readonly holder: string) {
    super(`locked by ${holder || 'another grader'}`);
  }
}

/**
 * Runs `fn` holding the lock of `file`, waiting up to `waitMs` for another
 * grader to finish its append.
 */
export function withHistoryLock<T>(file: string, fn: () => T, waitMs = 10_000): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${process.pid}@${os.hostname()}\n`);
      } finally {
        closeSync(fd);
      }
      try {
        return fn();
      } finally {
        rmSync(lock, { force: true });
      }
    }
    const staleText = staleLock(lock);
    if (staleText !== undefined) {
      breakLock(lock, staleText);
      continue;
    }
    if (Date.now() >= deadline) {
      let holder = '';
      try {
        holder = readFileSync(lock, 'utf8').trim();
      } catch {
        // released meanwhile; still, we waited long enough
      }
      throw new HistoryLockedError(holder);
    }
    sleepSync(WAIT_STEP_MS);
  }
}
