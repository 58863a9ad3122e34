import type { DockerEngine } from '../docker/engine';
import { ChangeFilter, WATCHED_TYPES } from './change-filter';

export interface WatchOptions {
  engine: DockerEngine;
  signal: AbortSignal;
  /** Changes closer together than this are one (a `docker run` is create + attach + start…). */
  quietMs?: number;
  /** One full grading; `changes` says what set it off (empty for the first). */
  grade(changes: string[], firstChangeAt?: number): Promise<void>;
}

/**
 * Grades once, then again after each burst of changes on the engine until the
 * signal aborts. A change during a grading leads to one more grading right
 * after it, never to two at once.
 */
export async function watchLoop(opts: WatchOptions): Promise<void> {
  const quietMs = opts.quietMs ?? 400;
  const filter = new ChangeFilter();
  let pending: string[] = [];
  let firstAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    const changes = pending;
    const at = firstAt;
    pending = [];
    firstAt = undefined;
    running = opts.grade(changes, at).finally(() => {
      running = undefined;
      if (again && !opts.signal.aborted) {
        again = false;
        void run();
      }
    });
    await running;
  };

  await run();
  try {
    for await (const event of opts.engine.events(WATCHED_TYPES, opts.signal)) {
      const change = filter.describe(event);
      if (!change) continue;
      pending.push(change);
      firstAt ??= Date.now();
      clearTimeout(timer);
      timer = setTimeout(() => void run(), quietMs);
    }
  } finally {
    clearTimeout(timer);
    await running;
  }
}
