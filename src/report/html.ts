import Handlebars from 'handlebars/runtime';
import { translator, type Translate } from '../messages/catalog';
import { isAdvice, type CheckResult, type ExerciseResult, type GradeResult, type Score } from '../result/types';
import { attemptsChart, type AttemptsChart } from './attempts-chart';
import { errorAdvice } from './error-advice';
import type { ExerciseHistory, ReportInput } from './input';
import { localTime } from './local-time';
import { registerMessageHelpers, type LocalizedView } from './message-helpers';
import { checkAnchor, nextSteps } from './next-steps';
import { templateSpecs } from './report-templates';

interface CheckView extends CheckResult {
  anchor: string;
  /** CSS class: the status, or `neutral` for a bonus not earned (not the student's failure). */
  statusClass: string;
  statusText: string;
  tag?: string;
  /** For an undecided check: what to do about it. */
  advice?: string;
}

interface ExerciseView extends Omit<ExerciseResult, 'checks'> {
  statusClass: string;
  checks: CheckView[];
  history?: ExerciseHistory & { older: number };
  chart?: AttemptsChart;
}

interface NextStepView {
  anchor: string;
  exerciseTitle: string;
  title: string;
  status: string;
  statusText: string;
  maxPoints: number;
  bonus: boolean;
  /** The hint of a failed check, the advice of an undecided one. */
  text?: string;
  /** The hint's command, its own copyable line. */
  command?: string;
  slide?: string;
}

interface ReportView extends Omit<GradeResult, 'exercises' | 'lang'>, LocalizedView {
  studentLabel?: string;
  graderLabel: string;
  exercises: ExerciseView[];
  nextSteps: NextStepView[];
  allPassed: boolean;
}

let compiled: Handlebars.TemplateDelegate<ReportView> | undefined;

/**
 * Handlebars escapes every `{{value}}` (& < > " ' ` =); the templates never use
 * the unescaped `{{{ }}}` form, so container names, labels, command output and
 * page contents from the student's host are always shown as text. The `t`
 * helper's output is escaped too: messages carry slide titles and hints.
 */
function template(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  registerMessageHelpers(hb);
  hb.registerHelper('json', (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2)));
  hb.registerHelper('has', (obj: object | undefined, key: string) => obj !== undefined && obj !== null && key in obj);
  hb.registerHelper('ifEq', function (this: unknown, a: unknown, b: unknown, options: Handlebars.HelperOptions) {
    return a === b ? options.fn(this) : options.inverse(this);
  });
  hb.registerHelper('percent', (s: Score) => (s.max ? Math.round((100 * s.points) / s.max) : 0));
  hb.registerHelper('seconds', (ms: number) => (ms / 1000).toFixed(1));
  // Precompiled (report-templates.ts): handlebars' runtime only, no compiler loaded.
  const specs = templateSpecs();
  hb.registerPartial('evidence', hb.template(specs.evidence));
  compiled = hb.template<ReportView>(specs.report);
  return compiled;
}

function checkView(exercise: ExerciseResult, c: CheckResult, t: Translate): CheckView {
  const notEarned = Boolean(c.bonus) && c.status === 'fail';
  return {
    ...c,
    anchor: checkAnchor(exercise.id, c.id),
    statusClass: notEarned ? 'neutral' : c.status,
    statusText: t(notEarned ? 'status.notEarned' : `status.${c.status}`),
    ...(isAdvice(c) ? { tag: t('report.advice') } : c.bonus ? { tag: t('report.bonus') } : {}),
    ...(c.status === 'error' ? { advice: t(errorAdvice(c), { exercise: exercise.id }) } : {}),
  };
}

function exerciseStatus(e: ExerciseResult): string {
  return e.score.points === e.score.max ? 'pass' : e.checks.some((c) => c.status === 'error') ? 'error' : 'fail';
}

export function renderHtml({ result, history, lang = 'en', timeZone }: ReportInput): string {
  const t = translator(lang);
  const s = result.student;
  const studentLabel = s?.name ? (s.id && s.id !== s.name ? `${s.name} (${s.id})` : s.name) : s?.id;
  const exercises = result.exercises.map((e): ExerciseView => {
    const h = history?.get(e.id);
    const chart =
      h &&
      attemptsChart(h.recent, { startedAt: h.gradedAt, score: e.score }, (a) => `${localTime(a.startedAt, lang, timeZone)}: ${a.score.points}/${a.score.max}`);
    return {
      ...e,
      statusClass: exerciseStatus(e),
      checks: e.checks.map((c) => checkView(e, c, t)),
      ...(h ? { history: { ...h, older: h.count - h.recent.length } } : {}),
      ...(chart ? { chart } : {}),
    };
  });
  const steps = nextSteps(result).map(({ exercise, check }): NextStepView => {
    const view = checkView(exercise, check, t);
    const text = check.status === 'error' ? view.advice : check.hint;
    return {
      anchor: view.anchor,
      exerciseTitle: exercise.title,
      title: check.title,
      status: view.statusClass,
      statusText: view.statusText,
      maxPoints: check.maxPoints,
      bonus: Boolean(check.bonus),
      ...(text ? { text } : {}),
      ...(check.status !== 'error' && check.hintCommand ? { command: check.hintCommand } : {}),
      ...(check.slide ? { slide: check.slide } : {}),
    };
  });
  return template()({
    ...result,
    lang,
    ...(timeZone ? { timeZone } : {}),
    graderLabel: `${result.grader.name} ${result.grader.version}`,
    exercises,
    nextSteps: steps,
    allPassed: result.exercises.length > 0 && steps.length === 0,
    ...(studentLabel ? { studentLabel } : {}),
  });
}
