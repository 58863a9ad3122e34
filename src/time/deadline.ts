/**
 * The one way grade makes a time limit. Node 20 holds `AbortSignal.timeout`
 * signals only weakly, and a signal from `AbortSignal.any` does not hold its
 * sources: after a garbage collection such a limit never fires (nodejs/node
 * issue 57736). Here the timer is an ordinary `setTimeout` whose callback holds
 * the controller, so the limit fires whatever the GC does, until `dispose()`
 * clears it when the work ends. test/time-guard.test.ts refuses the two
 * built-in signals anywhere outside this folder.
 */

/** The abort reason when a limit fires: which limit, and how long it was. */
export class LimitReached extends Error {
  // The name the platform gives a timeout, which callers and libraries already recognise.
  override readonly name = 'TimeoutError';
  constructor(
    readonly limit: string,
    readonly ms: number,
  ) {
    super(`${limit}: no end within ${ms / 1000} s`);
  }
}

/** An abort signal that follows a parent, and can be aborted on its own. */
export interface LinkedAbort {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Stops following the parent (and the time limit, for a deadline): call when the work ends. */
  dispose(): void;
}

export interface Deadline extends LinkedAbort {
  /** True once the time limit fired (not the parent, not `abort()`). */
  readonly expired: boolean;
  /** When the limit fires (epoch ms), for work that must end shortly before it: the same instant as the timer's, never a second reckoning. */
  readonly endsAt: number;
}

class Link implements Deadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private fired = false;
  /** No limit until startTimer sets one (a linkedAbort has none). */
  endsAt = Infinity;
  private readonly onParent = () => this.abort(this.parent?.reason);

  constructor(private readonly parent: AbortSignal | undefined) {
    if (parent?.aborted) this.controller.abort(parent.reason);
    else parent?.addEventListener('abort', this.onParent, { once: true });
  }

  startTimer(limit: string, ms: number): void {
    this.endsAt = Date.now() + Math.max(0, ms);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(
      () => {
        this.fired = true;
        this.abort(new LimitReached(limit, ms));
      },
      Math.max(0, ms),
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.fired;
  }

  abort(reason?: unknown): void {
    this.dispose();
    this.controller.abort(reason);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParent);
  }
}

/**
 * A time limit of `ms` named `limit` (said in the abort reason), also aborted
 * when `parent` is (Ctrl-C, an outer limit). Dispose it when the work ends.
 */
export function startDeadline(limit: string, ms: number, parent?: AbortSignal): Deadline {
  const link = new Link(parent);
  link.startTimer(limit, ms);
  return link;
}

/** A controller that also aborts when `parent` does (no time limit). Dispose it when the work ends. */
export function linkedAbort(parent?: AbortSignal): LinkedAbort {
  return new Link(parent);
}

/** Runs `work` under a deadline, disposed whatever `work` does. */
export async function withDeadline<T>(limit: string, ms: number, parent: AbortSignal | undefined, work: (deadline: Deadline) => Promise<T>): Promise<T> {
  const deadline = startDeadline(limit, ms, parent);
  try {
    return await work(deadline);
  } finally {
    deadline.dispose();
  }
}

/** `work` given a signal that aborts after `ms` (the limit `limit`); the timer is cleared when `work` ends. */
export function within<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, limit = `a ${ms / 1000} s limit`): Promise<T> {
  return withDeadline(limit, ms, undefined, (d) => work(d.signal));
}
