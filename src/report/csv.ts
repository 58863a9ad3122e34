import type { GradeResult } from '../result/types';
import type { ReportInput } from './input';

/**
 * A spreadsheet runs a cell that starts like a formula (CSV injection); a
 * leading apostrophe makes it text. Student names and ids reach these cells.
 * The full-width forms too (＝ ＋ － ＠): Apple Numbers normalises them to the
 * ASCII ones (the list csv-stringify's escape_formulas uses). Kept by hand, not
 * csv-stringify: with CRLF records it leaves a field holding a lone LF or CR
 * unquoted, which splits a row.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One RFC 4180 field, safe from formula injection. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  // RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 records (each ending with CRLF), every field through csvCell. */
export function csvRecords(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** Who a row is about: the student id, else the name, else the graded host. */
export function studentIdentifier(r: GradeResult): string {
  return r.student?.id || r.student?.name || r.target.endpoint;
}

/**
 * A gradebook (Moodle's grade import reads it): `student,<exercise ids…>,total`,
 * one row per result, points per exercise, an empty cell where a result did not
 * grade that exercise. Columns follow the order exercises first appear in.
 */
export function gradebookCsv(results: readonly GradeResult[]): string {
  const ids = [...new Set(results.flatMap((r) => r.exercises.map((e) => e.id)))];
  const rows: (string | number)[][] = [['student', ...ids, 'total']];
  for (const r of results) {
    const points = new Map(r.exercises.map((e) => [e.id, e.score.points]));
    rows.push([studentIdentifier(r), ...ids.map((id) => points.get(id) ?? ''), r.score.points]);
  }
  return csvRecords(rows);
}

export function renderCsv({ result }: ReportInput): string {
  return gradebookCsv([result]);
}
