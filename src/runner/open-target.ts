import type { OpenTarget } from '../grading-target/target';

/**
 * The one "open a target, use it, close it" of `grade`, `grade batch` and
 * `grade repo`. Opening races `signal` (a host that accepts the connection but
 * never answers must not hold a batch; a Ctrl-C during a repository build must
 * not wait for it): should the target open after all, it is closed. The target
 * is closed in every outcome; a close failure goes to `onCloseError` and never
 * hides the first error.
 */
export async function withOpenTarget<O extends OpenTarget, T>(
  target: { open(): Promise<O> },
  use: (open: O) => Promise<T>,
  o: { signal?: AbortSignal; abortReason?: () => Error; onCloseError?: (e: Error) => void } = {},
): Promise<T> {
  const opening = target.open();
  const { signal } = o;
  const open = signal
    ? await Promise.race([
        opening,
        new Promise<never>((_, reject) => {
          const fail = () => reject(o.abortReason?.() ?? new Error('aborted'));
          if (signal.aborted) fail();
          else signal.addEventListener('abort', fail, { once: true });
        }),
      ]).catch((e: unknown) => {
        opening.then((t) => t.close()).catch(() => undefined);
        throw e;
      })
    : await opening;
  try {
    return await use(open);
  } finally {
    await open.close().catch((e: Error) => {
      if (o.onCloseError) o.onCloseError(e);
      else throw e;
    });
  }
}
