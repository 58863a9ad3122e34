import { errorMessage, SetupError } from '../errors';
import { historyFor } from '../history/attempts';
import { appendToHistory, type History } from '../history/store';
import { writeReports, type ReportFormat } from '../report/index';
import { renderJson } from '../report/json';
import type { TerminalReporter } from '../report/terminal';
import type { GradeResult } from '../result/types';
import type { CliIo } from './io';
import { terminalText } from '../report/terminal-text';

export interface FinishOptions {
  out: string;
  reports: boolean;
  formats: readonly ReportFormat[];
  json: boolean;
  /** The history as it was read before grading; absent with --no-history. */
  history?: History;
  /** Append this run to the history (default true); watch mode appends only runs that changed. */
  append?: boolean;
}

/**
 * What follows a complete run (never an interrupted one): the reports, with the
 * earlier attempts beside the result; the terminal summary; the JSON on stdout;
 * and last the run's record in the history. Kept apart from the engine so it
 * can be tested with result fixtures.
 */
export function finishRun(result: GradeResult, opts: FinishOptions, io: Pick<CliIo, 'stdout' | 'stderr'>, terminal: Pick<TerminalReporter, 'summary'>): void {
  const history = opts.history ? historyFor(result, opts.history.records) : undefined;
  const files = opts.reports ? writeReports({ result, ...(history ? { history } : {}) }, opts.out, opts.formats) : [];
  terminal.summary(result, files, history);
  if (opts.json) io.stdout.write(renderJson(result));
  if (!opts.history || opts.append === false) return;
  const file = opts.history.file;
  try {
    const { droppedBytes } = appendToHistory(file, result);
    if (droppedBytes) io.stderr.write(`grade: history ${file}: removed an unfinished record (${droppedBytes} bytes) left by an interrupted run\n`);
    io.stderr.write(`history: ${file}\n`);
  } catch (e) {
    // The grading itself succeeded: its exit status stands, the student is told what was not kept.
    const why = e instanceof SetupError ? e.line() : errorMessage(e);
    io.stderr.write(`grade: this run was not added to the history: ${terminalText(why)}\n`);
  }
}
