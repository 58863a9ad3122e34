import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GradeResult } from '../result/types';
import { renderHtml } from './html';
import { renderJson } from './json';

/** File reporters: each a pure function from the result to text, keyed by format name. */
export const reporters = {
  html: { file: 'grade-report.html', render: renderHtml },
  json: { file: 'grade-result.json', render: renderJson },
} as const satisfies Record<string, { file: string; render: (r: GradeResult) => string }>;

export type ReportFormat = keyof typeof reporters;
export const reportFormats = Object.keys(reporters) as ReportFormat[];

/** Writes each report atomically (temp file + rename): a crash never leaves half a report. */
export function writeReports(result: GradeResult, outDir: string, formats: readonly ReportFormat[] = reportFormats): string[] {
  mkdirSync(outDir, { recursive: true });
  return formats.map((f) => {
    const target = path.join(outDir, reporters[f].file);
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, reporters[f].render(result));
    renameSync(tmp, target);
    return target;
  });
}
