import path from 'node:path';
import Handlebars from 'handlebars/runtime';
import { grader } from '../package/package-info';
import type { Lang } from '../messages/catalog';
import { gradebookCsv } from '../report/csv';
import { reporters } from '../report/index';
import { registerMessageHelpers } from '../report/message-helpers';
import { templateSpecs } from '../report/report-templates';
import type { GradeResult, Score } from '../result/types';
import { classAggregates, type ExerciseAggregate } from './class-aggregates';
import type { BatchHost } from './hosts-file';
import { replaceFile } from '../files/replace-file';
import { hostIdsIn, readHostResult, readHostStatus } from './host-outcome';

export interface ClassCell {
  exercise: string;
  graded: boolean;
  points?: number;
  max?: number;
  /** full / partial / zero for a graded exercise, absent when this host did not grade it. */
  state: 'full' | 'partial' | 'zero' | 'absent';
  /** Checks of that exercise the grader could not decide. */
  errors: number;
}

export interface ClassStudent {
  id: string;
  name: string;
  endpoint: string;
  state: 'graded' | 'error' | 'pending';
  error?: string;
  score?: Score;
  /** Relative link to the student's HTML report. */
  report?: string;
  cells: ClassCell[];
}

export interface ClassReport {
  schemaVersion: 1;
  generatedAt: string;
  graderVersion: string;
  exercises: { id: string; title: string }[];
  students: ClassStudent[];
  summary: { hosts: number; graded: number; errored: number; pending: number };
  /** Per exercise: score histogram, and per check the share who passed and the most common failure. */
  aggregates: ExerciseAggregate[];
}

/** How the class report is written: the language of its own words and the zone of its times. */
export interface ClassReportOptions {
  lang?: Lang;
  timeZone?: string;
}

/**
 * The class table from what a batch folder holds — and nothing else, so it can
 * be rebuilt at any time (--report-only) and from merged shards. Hosts come in
 * the hosts file's order when it is known, folder order otherwise.
 */
export function buildClassReport(out: string, hosts?: readonly BatchHost[]): { report: ClassReport; results: GradeResult[] } {
  const ids = hosts ? hosts.map((h) => h.id) : hostIdsIn(out).sort();
  const rows = ids.map((id) => ({ id, host: hosts?.find((h) => h.id === id), status: readHostStatus(out, id), result: readHostResult(out, id) }));
  const exercises = new Map<string, string>();
  for (const r of rows) for (const e of r.result?.exercises ?? []) if (!exercises.has(e.id)) exercises.set(e.id, e.title);
  const students: ClassStudent[] = rows.map(({ id, host, status, result }) => {
    const name = status?.name ?? host?.name ?? id;
    const endpoint = status?.endpoint ?? (host ? `ssh://${host.user}@${host.host}:${host.port}` : '');
    if (!status) return { id, name, endpoint, state: 'pending', cells: [] };
    if (status.state === 'error' || !result) return { id, name, endpoint, state: 'error', error: status.error ?? 'no result', cells: [] };
    const byId = new Map(result.exercises.map((e) => [e.id, e]));
    const cells: ClassCell[] = [...exercises.keys()].map((exercise) => {
      const e = byId.get(exercise);
      if (!e) return { exercise, graded: false, state: 'absent', errors: 0 };
      const state = e.score.points >= e.score.max ? 'full' : e.score.points === 0 ? 'zero' : 'partial';
      return { exercise, graded: true, points: e.score.points, max: e.score.max, state, errors: e.checks.filter((c) => c.status === 'error').length };
    });
    return { id, name, endpoint, state: 'graded', score: result.score, report: `hosts/${id}/${reporters.html.file}`, cells };
  });
  const count = (s: ClassStudent['state']) => students.filter((x) => x.state === s).length;
  const results = rows.flatMap((r) => (r.status?.state === 'graded' && r.result ? [r.result] : []));
  const exerciseList = [...exercises].map(([id, title]) => ({ id, title }));
  return {
    report: {
      schemaVersion: 1,
      generatedAt: new Date().toISOString(),
      graderVersion: grader.version,
      exercises: exerciseList,
      students,
      summary: { hosts: students.length, graded: count('graded'), errored: count('error'), pending: count('pending') },
      aggregates: classAggregates(results, exerciseList),
    },
    results,
  };
}

let template: Handlebars.TemplateDelegate | undefined;

/** Bars are drawn as a share of the widest one, so a class of 30 and one of 200 read alike. */
function histogramView(a: ExerciseAggregate) {
  const most = Math.max(1, ...a.histogram.map((b) => b.count));
  return a.histogram.map((b) => ({ ...b, width: Math.round((100 * b.count) / most) }));
}

export function renderClassHtml(report: ClassReport, options: ClassReportOptions = {}): string {
  if (!template) {
    const hb = Handlebars.create();
    registerMessageHelpers(hb);
    hb.registerHelper('percent', (share: number) => Math.round(100 * share));
    hb.registerHelper('isNumber', (v: unknown) => typeof v === 'number');
    hb.registerHelper('ifState', function (this: unknown, a: unknown, b: unknown, options: Handlebars.HelperOptions) {
      return a === b ? options.fn(this) : options.inverse(this);
    });
    // Precompiled, like the student's report (report-templates.ts).
    template = hb.template(templateSpecs().class);
  }
  return template({
    ...report,
    lang: options.lang ?? 'en',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    // A student known only by id is named once, not "s01 s01".
    students: report.students.map((s) => ({ ...s, showId: s.name !== s.id })),
    problems: report.students.filter((s) => s.state === 'error').map((s) => ({ ...s, showId: s.name !== s.id })),
    aggregates: report.aggregates.map((a) => ({ ...a, bars: histogramView(a), checks: a.checks.map((c) => ({ ...c, decided: c.graded - c.errored })) })),
  });
}

/** index.html, class.json and grades.csv in the batch folder. */
export function writeClassReport(out: string, hosts?: readonly BatchHost[], options: ClassReportOptions = {}): { files: string[]; report: ClassReport } {
  const { report, results } = buildClassReport(out, hosts);
  const files = [
    [path.join(out, 'index.html'), renderClassHtml(report, options)],
    [path.join(out, 'class.json'), `${JSON.stringify(report, null, 2)}\n`],
    [path.join(out, 'grades.csv'), gradebookCsv(results)],
  ] as const;
  for (const [file, text] of files) replaceFile(file, text);
  return { files: files.map(([f]) => f), report };
}
