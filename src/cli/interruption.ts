import { message, type Lang } from '../messages/catalog';
import type { CliIo } from './io';

/**
 * The first SIGINT/SIGTERM of a run: says what happens now, aborts the run's
 * signal. A second one stops the waiting when the command asked for that
 * (`secondSignal`); the one after that (or the second, without it) ends the
 * process at once: a cleanup that waits on a hung engine never holds the
 * terminal. Commands share it so that every one removes its probes and exits
 * the same way.
 */
export class Interruption {
  private readonly controller = new AbortController();
  private readonly again = new AbortController();
  private by: NodeJS.Signals | undefined;
  private readonly unsubscribe: () => void;

  /** `consequence`: what the user is told happens now, e.g. "stopping, removing probe containers…", in `lang`. */
  constructor(io: Pick<CliIo, 'onSignal' | 'stderr' | 'exitNow'>, consequence: string, lang: Lang = 'en') {
    this.unsubscribe = io.onSignal((sig) => {
      if (this.controller.signal.aborted) {
        if (!this.again.signal.aborted && this.secondConsequence) {
          io.stderr.write(`\n${message(lang, 'run.signalAgain', { signal: sig, consequence: this.secondConsequence })}\n`);
          this.again.abort();
          return;
        }
        io.stderr.write(`\n${message(lang, 'run.signalExit', { signal: sig })}\n`);
        io.exitNow?.(this.exitStatus);
        return;
      }
      this.by = sig;
      io.stderr.write(`\n${message(lang, 'run.signal', { signal: sig, consequence })}\n`);
      this.controller.abort();
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private secondConsequence: string | undefined;

  /**
   * A second signal, for commands whose cleanup itself may wait (grade repo's
   * compose down): it stops the waiting, and what is left is removed the quick way.
   * A third one ends the process.
   */
  secondSignal(consequence: string): AbortSignal {
    this.secondConsequence = consequence;
    return this.again.signal;
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
