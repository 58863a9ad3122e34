import { fallbackReportFolders, FoldersUnwritableError, writeWithFallback } from '../files/fallback-folder';
import { message, type Lang } from '../messages/catalog';
import type { ReportInput } from '../report/input';
import { writeReports, type ReportFormat } from '../report/index';

/**
 * The reports of a finished grading, written where asked or, when that folder
 * cannot be written, in a fallback folder: nothing of a grading is lost to a
 * file in the way or a full disk. `note` is the one line that says where they
 * went (or that no folder took them); the caller prints it after the summary.
 */
export function placeReports(
  input: ReportInput,
  out: string,
  formats: readonly ReportFormat[],
  opts: { env: NodeJS.ProcessEnv; lang?: Lang; fallbackFolders?: readonly string[] },
): { files: string[]; note?: string } {
  const fallbacks = opts.fallbackFolders ?? fallbackReportFolders(opts.env, input.result.startedAt);
  const lang = opts.lang ?? 'en';
  try {
    const placed = writeWithFallback(out, fallbacks, (dir) => writeReports(input, dir, formats));
    return placed.fellBack
      ? { files: placed.value, note: message(lang, 'files.reportsFallback', { wanted: out, why: placed.why, fallback: placed.dir }) }
      : { files: placed.value };
  } catch (e) {
    if (!(e instanceof FoldersUnwritableError)) throw e;
    return { files: [], note: message(lang, 'files.reportsLost', { wanted: out, why: e.why, fallback: fallbacks.join(', ') }) };
  }
}
