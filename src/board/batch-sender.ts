import { readHostResult } from '../batch/host-outcome';
import type { BatchHost } from '../batch/hosts-file';
import { message, type Lang } from '../messages/catalog';
import { terminalLine } from '../report/terminal-text';
import { BoardClient } from './board-client';
import { within } from '../time/deadline';

/** One SSH round's results sent to the board as hosts finish; the round waits for the last sends. */
export class BatchBoardSender {
  private readonly client: BoardClient;
  private readonly sends: Promise<void>[] = [];
  private sent = 0;
  private failed: string[] = [];

  constructor(
    url: string,
    instructorSecret: string,
    private readonly lang: Lang = 'en',
  ) {
    this.client = new BoardClient(url, instructorSecret);
  }

  /** A graded host's result, read from the batch folder where the round just wrote it. */
  send(out: string, host: BatchHost): void {
    const result = readHostResult(out, host.id);
    if (!result) return;
    // The same host and grading give the same key: a round sent twice is stored once.
    const key = `batch:${host.id}:${result.startedAt}`;
    this.sends.push(
      within(10_000, (signal) => this.client.push(result, key, signal), 'board push').then((o) => {
        if (o.kind === 'stored' || o.kind === 'duplicate') this.sent++;
        else this.failed.push(`${host.id} (${o.kind === 'refused' ? `${o.status}: ${o.message}` : o.message})`);
      }),
    );
  }

  /** Waits for this round's sends; the summary line for the terminal. */
  async roundDone(): Promise<string> {
    await Promise.all(this.sends.splice(0));
    const which = `${this.failed.slice(0, 5).join(', ')}${this.failed.length > 5 ? ', …' : ''}`;
    const line = this.failed.length
      ? message(this.lang, 'batch.boardSentSome', { count: this.sent, failed: this.failed.length, which })
      : message(this.lang, 'batch.boardSent', { count: this.sent });
    this.sent = 0;
    this.failed = [];
    return terminalLine(line);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
