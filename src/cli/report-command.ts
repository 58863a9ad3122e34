import { phrase } from '../messages/phrase';
import { SetupError } from '../errors/setup-error';
import { reportFromHistory } from '../history/attempts';
import { readHistory } from '../history/store';
import type { ReportFormat } from '../report/index';
import { placeReports } from './place-reports';
import { TerminalReporter } from '../report/terminal';
import { languages, message, type Lang } from '../messages/catalog';
import type { CliIo } from './io';

export interface ReportOptions {
  historyFile: string;
  out: string;
  formats: readonly ReportFormat[];
  /** --lang: wins over the language the results were graded in. */
  lang?: Lang;
  /** The locale's language: for results that do not say theirs (English ones, and those of older graders). */
  localeLang?: Lang;
}

/** `grade report [EXERCISE…]`: the reports again, from the history alone (no engine is contacted). */
export function reportCommand(ids: string[], opts: ReportOptions, io: CliIo): number {
  const h = readHistory(opts.historyFile);
  if (!h.exists) throw new SetupError(phrase('error.noHistory', { file: opts.historyFile }), phrase('error.noHistoryAdvice'));
  if (h.tornBytes) {
    io.stderr.write(`${message(opts.lang ?? opts.localeLang ?? 'en', 'run.historyIgnored', { file: opts.historyFile, bytes: h.tornBytes })}\n`);
  }
  const input = reportFromHistory(h.records, ids, opts.historyFile);
  const graded = languages.find((l) => l === input.result.lang);
  const lang = opts.lang ?? graded ?? opts.localeLang ?? 'en';
  const { files, note } = placeReports({ ...input, lang }, opts.out, opts.formats, { env: io.env, lang });
  new TerminalReporter(io.stderr, io.env, lang, io.stdout).summary(input.result, files, input.history);
  if (note) io.stderr.write(`${note}\n`);
  return 0;
}
