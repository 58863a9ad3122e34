import { terminalLine } from '../report/terminal-text';
import type { GradeResult } from '../result/types';
import { BoardClient, isFinal } from './board-client';
import { PushQueue } from './push-queue';
import { startDeadline } from '../time/deadline';

/** What `grade init --board` stored: where to send, and this student's token. */
export interface StudentBoardLink {
  url: string;
  token: string;
  /** Where results wait when the board does not answer in time. */
  queueDir: string;
}

/** Grading must not wait for the board longer than this. */
export const PUSH_WAIT_MS = 1500;

/**
 * After a `grade` run: this result is queued on disk, then everything queued
 * is sent, oldest first, for at most PUSH_WAIT_MS. What is not sent stays for
 * a later run. One line on the terminal; never throws, never changes the exit status.
 */
export async function pushAfterRun(result: GradeResult, link: StudentBoardLink, io: { stderr: NodeJS.WritableStream }, waitMs = PUSH_WAIT_MS): Promise<void> {
  const deadline = startDeadline('board push', waitMs);
  const client = new BoardClient(link.url, link.token);
  let line: string;
  try {
    const queue = new PushQueue(link.queueDir);
    queue.add(result);
    let sent = 0;
    let problem = '';
    for (const p of queue.pending()) {
      const outcome = await client.push(p.result, p.key, deadline.signal);
      if (outcome.kind === 'stored' || outcome.kind === 'duplicate') {
        queue.remove(p);
        sent++;
      } else if (outcome.kind === 'refused' && isFinal(outcome)) {
        // Sending it again would be refused again (revoked token, a result for someone else): dropped, and said.
        queue.remove(p);
        problem ||= `refused a result (${outcome.status}: ${outcome.message})`;
      } else if (outcome.kind === 'refused') {
        problem ||= `answered ${outcome.status} (${outcome.message})`;
        break;
      } else {
        problem ||= `did not answer (${outcome.message})`;
        break;
      }
    }
    const waiting = queue.pending().length;
    line = waiting
      ? `board: ${sent ? `${sent} result(s) sent, ` : ''}${waiting} queued — ${link.url} ${problem}; sent on a later run`
      : problem
        ? `board: ${link.url} ${problem}`
        : `board: result sent to ${link.url}${sent > 1 ? ` (with ${sent - 1} queued earlier)` : ''}`;
  } catch (e) {
    line = `board: result not sent (${(e as Error).message})`;
  } finally {
    deadline.dispose();
    await client.close().catch(() => undefined);
  }
  // The board's answers are text from elsewhere: no escape sequence reaches the student's terminal.
  io.stderr.write(`${terminalLine(line)}\n`);
}
