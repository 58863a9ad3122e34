import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '../package-info';
import { isAdvice, type CheckResult, type ExerciseResult, type GradeResult, type Score } from '../result/types';
import type { ExerciseHistory, ReportInput } from './input';

interface ExerciseView extends ExerciseResult {
  history?: ExerciseHistory & { older: number };
}

interface ReportView extends Omit<GradeResult, 'exercises'> {
  studentLabel?: string;
  exercises: ExerciseView[];
}

let compiled: Handlebars.TemplateDelegate<ReportView> | undefined;

/**
 * Handlebars escapes every `{{value}}` (& < > " ' ` =); the templates never use
 * the unescaped `{{{ }}}` form, so container names, labels, command output and
 * page contents from the student's host are always shown as text.
 */
function template(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  hb.registerHelper('json', (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2)));
  hb.registerHelper('has', (obj: object | undefined, key: string) => obj !== undefined && obj !== null && key in obj);
  hb.registerHelper('ifEq', function (this: unknown, a: unknown, b: unknown, options: Handlebars.HelperOptions) {
    return a === b ? options.fn(this) : options.inverse(this);
  });
  hb.registerHelper('percent', (s: Score) => (s.max ? Math.round((100 * s.points) / s.max) : 0));
  hb.registerHelper('isAdvice', (c: CheckResult) => isAdvice(c));
  hb.registerHelper('seconds', (ms: number) => (ms / 1000).toFixed(1));
  hb.registerHelper('formatDate', (iso: string) => new Date(iso).toUTCString());
  hb.registerHelper('statusLabel', (s: string) => ({ pass: 'passed', fail: 'failed', error: 'error', skip: 'skipped' })[s] ?? s);
  hb.registerHelper('exerciseStatus', (e: ExerciseResult) =>
    e.score.points === e.score.max ? 'pass' : e.checks.some((c) => c.status === 'error') ? 'error' : 'fail',
  );
  hb.registerPartial('evidence', readFileSync(path.join(templatesDir, 'evidence.hbs'), 'utf8'));
  // preventIndent: an indented partial call must not indent the lines inside its <pre>.
  compiled = hb.compile(readFileSync(path.join(templatesDir, 'report.hbs'), 'utf8'), { preventIndent: true });
  return compiled;
}

export function renderHtml({ result, history }: ReportInput): string {
  const s = result.student;
  const studentLabel = s?.name ? (s.id ? `${s.name} (${s.id})` : s.name) : s?.id;
  const exercises = result.exercises.map((e): ExerciseView => {
    const h = history?.get(e.id);
    return h ? { ...e, history: { ...h, older: h.count - h.recent.length } } : e;
  });
  return template()({ ...result, exercises, ...(studentLabel ? { studentLabel } : {}) });
}
