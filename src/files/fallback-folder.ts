import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { userStateDir } from './user-state-dir';
import { makeFolder } from './make-folder';

/**
 * Where reports go when the folder asked for cannot take them (a file in the
 * way, a read-only or full disk): first the per-user state folder, then the
 * temporary folder (often another file system, so a full disk does not stop
 * both). One subfolder per run, named by when it started, so no run's reports
 * overwrite another's.
 */
export function fallbackReportFolders(env: NodeJS.ProcessEnv, startedAt: string): string[] {
  const run = `reports-${startedAt.replace(/[:.]/g, '-')}`;
  // Per user id: another user's folder in a shared /tmp is not ours to write into.
  return [path.join(userStateDir(env), run), path.join(os.tmpdir(), `grade-${process.getuid?.() ?? 'user'}`, run)];
}

/** A file-system failure in words, without the path node appends: "ENOSPC: no space left on device". */
export function fileProblem(e: unknown): string | undefined {
  // Duck-typed: errors from node's fs are not always `instanceof Error` of this realm (jest's sandbox, for one).
  const err = e as Partial<NodeJS.ErrnoException> | null;
  if (typeof err?.code !== 'string' || !/^E[A-Z]+$/.test(err.code) || typeof err.message !== 'string') return undefined;
  // node: "ENOSPC: no space left on device, write", "ENOTDIR: not a directory, mkdir '/x/y'".
  return err.message.replace(/, \w+(?: '.*)?$/, '') || err.code;
}

export type Placed<T> = { value: T; dir: string } & ({ fellBack: false } | { fellBack: true; why: string });

/**
 * Runs `write(dir)` on the folder asked for, else on each fallback in turn.
 * Only file-system failures move on to the next folder; anything else is a bug
 * and is thrown. When every folder fails, throws the first failure, with `why`.
 */
export function writeWithFallback<T>(wanted: string, fallbacks: readonly string[], write: (dir: string) => T): Placed<T> {
  let why: string | undefined;
  for (const dir of [wanted, ...fallbacks]) {
    try {
      const value = write(dir);
      return why === undefined ? { value, dir, fellBack: false } : { value, dir, fellBack: true, why };
    } catch (e) {
      const problem = fileProblem(e);
      if (problem === undefined) throw e;
      why ??= problem;
    }
  }
  throw new FoldersUnwritableError(why ?? 'no folder');
}

export class FoldersUnwritableError extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = 'FoldersUnwritableError';
  }
}

/** Creates `dir` and proves a file can be written in it (a batch checks its --out before hours of grading). */
export function ensureWritableFolder(dir: string): void {
  makeFolder(dir);
  const probe = path.join(dir, `.grade-write-test-${process.pid}`);
  writeFileSync(probe, 'x');
  rmSync(probe, { force: true });
}
