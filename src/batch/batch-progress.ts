import { styleText } from 'node:util';
import { message, type Lang } from '../messages/catalog';
import { useColor } from '../report/terminal';
import { terminalLine } from '../report/terminal-text';
import type { BatchHost } from './hosts-file';
import type { HostStatus } from './host-outcome';

/** Batch progress on stderr: a line per finished host, and a live count on a terminal. */
export class BatchProgress {
  private readonly color: boolean;
  private readonly live: boolean;
  private running = 0;
  private done = 0;
  private failed = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly total: number,
    env: NodeJS.ProcessEnv,
    private readonly lang: Lang = 'en',
  ) {
    this.color = useColor(out, env);
    this.live = Boolean(out.isTTY) && env.TERM !== 'dumb';
  }

  private paint(style: Parameters<typeof styleText>[0], text: string) {
    // grade decides about colour itself (useColor), for the stream it writes to, not process.stdout.
    return this.color ? styleText(style, text, { validateStream: false }) : text;
  }

  private status(): string {
    return message(this.lang, 'batch.hosts', { done: this.done, total: this.total, running: this.running, failed: this.failed });
  }

  private print(line: string): void {
    this.out.write(this.live ? `\r\x1b[2K${line}\n${this.paint('dim', this.status())}` : `${line}\n`);
  }

  started(): void {
    this.running++;
    if (this.live) this.out.write(`\r\x1b[2K${this.paint('dim', this.status())}`);
  }

  ended(host: BatchHost, outcome: HostStatus | 'skipped' | 'interrupted'): void {
    if (outcome !== 'skipped') this.running--;
    if (outcome === 'interrupted') return;
    this.done++;
    const who = terminalLine(`${host.id} ${host.name !== host.id ? `(${host.name}) ` : ''}`);
    if (outcome === 'skipped') return this.print(this.paint('dim', `· ${message(this.lang, 'batch.alreadyGraded', { who })}`));
    if (outcome.state === 'error') {
      this.failed++;
      return this.print(`${this.paint('red', '✘')} ${message(this.lang, 'batch.notGraded', { who, error: terminalLine(outcome.error ?? '') })}`);
    }
    const s = outcome.score!;
    this.print(
      `${this.paint('green', '✔')} ${message(this.lang, 'batch.graded', { who, points: s.points, max: s.max, seconds: (outcome.durationMs / 1000).toFixed(1) })}`,
    );
  }

  finish(): void {
    if (this.live) this.out.write('\r\x1b[2K');
    this.out.write(`${this.status()}\n`);
  }
}
