import { errorMessage, SetupError } from '../errors/setup-error';
import { historyFor } from '../history/attempts';
import { appendToHistory, type History } from '../history/store';
import type { ReportFormat } from '../report/index';
import { renderJson } from '../report/json';
import type { TerminalReporter } from '../report/terminal';
import { message, type Lang } from '../messages/catalog';
import type { GradeResult } from '../result/types';
import type { CliIo } from './io';
import { terminalText } from '../report/terminal-text';
import { placeReports } from './place-reports';

export interface FinishOptions {
  out: string;
  reports: boolean;
  formats: readonly ReportFormat[];
  json: boolean;
  /** The history as it was read before grading; absent with --no-history. */
  history?: History;
  /** Append this run to the history (default true); watch mode appends only runs that changed. */
  append?: boolean;
  /** Language of the reports' own words (default English). */
  lang?: Lang;
  /** Where reports go when `out` cannot take them (default: the per-user state folder, then the temporary folder). */
  fallbackFolders?: readonly string[];
  /** `--json --watch`: each run's result as one line (JSON Lines), not an indented document. */
  jsonLines?: boolean;
}

/**
 * What follows a complete run (never an interrupted one): the reports, with the
 * earlier attempts beside the result; the terminal summary; the JSON on stdout;
 * and last the run's record in the history. Kept apart from the engine so it
 * can be tested with result fixtures.
 */
export function finishRun(
  result: GradeResult,
  opts: FinishOptions,
  io: Pick<CliIo, 'stdout' | 'stderr'> & { env?: NodeJS.ProcessEnv },
  terminal: Pick<TerminalReporter, 'summary'>,
): string[] {
  const history = opts.history ? historyFor(result, opts.history.records) : undefined;
  // Nothing of a finished grading is lost to a folder that cannot be written: the reports go elsewhere, and a line says where.
  const { files, note: filesNote } = opts.reports
    ? placeReports({ result, ...(history ? { history } : {}), ...(opts.lang ? { lang: opts.lang } : {}) }, opts.out, opts.formats, {
        env: io.env ?? process.env,
        ...(opts.lang ? { lang: opts.lang } : {}),
        ...(opts.fallbackFolders ? { fallbackFolders: opts.fallbackFolders } : {}),
      })
    : { files: [] as string[], note: undefined };
  terminal.summary(result, files, history);
  if (filesNote) io.stderr.write(`${terminalText(filesNote)}\n`);
  if (opts.json) io.stdout.write(opts.jsonLines ? `${JSON.stringify(result)}\n` : renderJson(result));
  appendRun(result, opts, io);
  return files;
}

/** Last: the run's record in the history, unless there is none or this run adds nothing (watch mode). */
function appendRun(result: GradeResult, opts: FinishOptions, io: Pick<CliIo, 'stderr'>): void {
  if (!opts.history || opts.append === false) return;
  const file = opts.history.file;
  const lang = opts.lang ?? 'en';
  try {
    const { droppedBytes } = appendToHistory(file, result);
    if (droppedBytes) io.stderr.write(`${message(lang, 'run.historyDropped', { file, bytes: droppedBytes })}\n`);
    io.stderr.write(`${message(lang, 'run.history', { file })}\n`);
  } catch (e) {
    // The grading itself succeeded: its exit status stands, the student is told what was not kept.
    const why = e instanceof SetupError ? e.line(lang) : errorMessage(e);
    io.stderr.write(`${message(lang, 'run.historyNotAdded', { why: terminalText(why) })}\n`);
  }
}
