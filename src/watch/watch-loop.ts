import type { DockerEngine, EngineEvent } from '../docker/engine';
import { ChangeFilter, WATCHED_TYPES } from './change-filter';

export interface WatchOptions {
  engine: DockerEngine;
  signal: AbortSignal;
  /** Changes closer together than this are one burst, graded once. */
  quietMs?: number;
  /** After a container is created or connected to a network, how long its start may take to follow before the burst counts as over. */
  createdQuietMs?: number;
  /** One full grading; `changes` says what set it off (empty for the first). */
  grade(changes: string[], firstChangeAt?: number): Promise<void>;
}

/**
 * Grades once, then again after each burst of changes on the engine until the
 * signal aborts. A change during a grading leads to one more grading right
 * after it, never to two at once.
 */
/** Events that the start of a container usually follows within the same command. */
const startFollows = (e: EngineEvent) => (e.Type === 'container' && e.Action === 'create') || (e.Type === 'network' && e.Action === 'connect');

export async function watchLoop(opts: WatchOptions): Promise<void> {
  // A `docker run` is create, then network connect (made by the start call)
  // and start; on a busy engine the start comes some hundred milliseconds
  // after the connect. The burst is over soon after anything else. So the
  // student sees the regrade about quietMs after their last command, without
  // a grading of the half-made container in between.
  const quietMs = opts.quietMs ?? 150;
  const createdQuietMs = opts.createdQuietMs ?? 1000;
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
      timer = setTimeout(() => void run(), startFollows(event) ? createdQuietMs : quietMs);
    }
  } finally {
    clearTimeout(timer);
    await running;
  }
}
