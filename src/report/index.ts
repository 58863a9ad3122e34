import { phrase } from '../messages/phrase';
import path from 'node:path';
import { SetupError } from '../errors/setup-error';
import { replaceFile } from '../files/replace-file';
import { renderCsv } from './csv';
import { renderGradescope } from './gradescope';
import type { ReportInput } from './input';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { makeFolder } from '../files/make-folder';

/** File reporters: each a pure function from the result (and its history) to text, keyed by format name. */
export const reporters = {
  // Handlebars only when an HTML report is written, not whenever the format names are needed (--help).
  html: { file: 'grade-report.html', render: (input: ReportInput) => (require('./html') as typeof import('./html')).renderHtml(input) },
  json: { file: 'grade-result.json', render: ({ result }: ReportInput) => renderJson(result) },
  junit: { file: 'grade-junit.xml', render: renderJunit },
  csv: { file: 'grade-scores.csv', render: renderCsv },
  gradescope: { file: 'results.json', render: renderGradescope },
} as const satisfies Record<string, { file: string; render: (input: ReportInput) => string }>;

export type ReportFormat = keyof typeof reporters;
export const reportFormats = Object.keys(reporters) as ReportFormat[];
export const defaultReportFormats: readonly ReportFormat[] = ['html', 'json'];

const isFormat = (f: string): f is ReportFormat => Object.hasOwn(reporters, f);

/** `--format html,junit` → the formats, once each, in the order given. */
export function parseFormats(list: string): ReportFormat[] {
  const names = list
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.find((f) => !isFormat(f));
  if (unknown !== undefined || names.length === 0) {
    throw new SetupError(
      unknown === undefined ? phrase('error.noFormat') : phrase('error.unknownFormat', { format: unknown }),
      phrase('error.formatsAdvice', { formats: reportFormats.join(', ') }),
    );
  }
  return [...new Set(names.filter(isFormat))];
}

/** Writes each report atomically (exclusive temp file + rename): a crash never leaves half a report, a planted symlink is never followed. */
export function writeReports(input: ReportInput, outDir: string, formats: readonly ReportFormat[] = defaultReportFormats): string[] {
  makeFolder(outDir);
  return formats.map((f) => {
    const target = path.join(outDir, reporters[f].file);
    replaceFile(target, reporters[f].render(input));
    return target;
  });
}
