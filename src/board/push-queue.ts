import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../files/replace-file';
import { historyLocation } from '../history/location';
import type { GradeResult } from '../result/types';
import { makeFolder } from '../files/make-folder';

export interface QueuedPush {
  file: string;
  key: string;
  result: GradeResult;
}

/** Beside the attempt history, in the per-user state folder: results not yet on the board. */
export function pushQueueDir(env: NodeJS.ProcessEnv, cwd: string): string {
  return path.join(path.dirname(historyLocation({ env, cwd })), 'board-queue');
}

/**
 * Results waiting for the board, one file each, named so that they sort in
 * the order they were graded. The idempotency key is chosen when a result is
 * queued, so however often it is sent, the board stores it once.
 */
export class PushQueue {
  constructor(readonly dir: string) {}

  add(result: GradeResult): QueuedPush {
    makeFolder(this.dir);
    const key = randomUUID();
    const file = path.join(this.dir, `${Date.now().toString().padStart(15, '0')}-${key}.json`);
    replaceFile(file, JSON.stringify({ key, result }));
    return { file, key, result };
  }

  /** Oldest first; a file that cannot be read (cut short by a crash) is dropped. */
  pending(): QueuedPush[] {
    let names: string[];
    try {
      names = readdirSync(this.dir)
        .filter((n) => n.endsWith('.json'))
        .sort();
    } catch {
      return [];
    }
    return names.flatMap((name) => {
      const file = path.join(this.dir, name);
      try {
        const { key, result } = JSON.parse(readFileSync(file, 'utf8')) as { key: string; result: GradeResult };
        return [{ file, key, result }];
      } catch {
        rmSync(file, { force: true });
        return [];
      }
    });
  }

  remove(p: QueuedPush): void {
    rmSync(p.file, { force: true });
  }
}
