import type { CliIo } from './io';

/**
 * The first SIGINT/SIGTERM of a run: says what happens now, aborts the run's
 * signal; later ones are ignored while the run cleans up. Commands share it so
 * that every one removes its probes and exits the same way.
 */
export class Interruption {
  private readonly controller = new AbortController();
  private by: NodeJS.Signals | undefined;
  private readonly unsubscribe: () => void;

  /** `consequence`: what the user is told happens now, e.g. "stopping, removing probe containers…". */
  constructor(io: Pick<CliIo, 'onSignal' | 'stderr'>, consequence: string) {
    this.unsubscribe = io.onSignal((sig) => {
      if (this.controller.signal.aborted) return;
      this.by = sig;
      io.stderr.write(`\n${sig}: ${consequence}\n`);
      this.controller.abort();
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get happened(): boolean {
    return this.controller.signal.aborted;
  }

  /** The shell's convention: 128 + the signal's number. */
  get exitStatus(): number {
    return this.by === 'SIGTERM' ? 143 : 130;
  }

  dispose(): void {
    this.unsubscribe();
  }
}
