import { isAdvice, type CheckResult, type ExerciseResult } from '../result/types';
import { checkText } from './check-text';
import type { ReportInput } from './input';
import { escapeXml } from './xml';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXml(v, 'attribute')}"`)
    .join('');
}

/**
 * A bonus that was not earned is reported as skipped, not failed: it never fails
 * the run (exit status 0), and a red failure in GitLab's widget would say otherwise.
 */
function outcome(c: CheckResult): 'pass' | 'failure' | 'error' | 'skipped' {
  if (c.status === 'pass') return 'pass';
  if (c.status === 'error') return 'error';
  if (c.status === 'skip' || c.bonus) return 'skipped';
  return 'failure';
}

function testcase(exercise: ExerciseResult, c: CheckResult, name: string): string {
  const open = `    <testcase${attrs({ classname: exercise.id, name, time: seconds(c.durationMs) })}>`;
  const points = `      <system-out>${escapeXml(`Points: ${c.points}/${c.maxPoints}${c.bonus ? ' (bonus)' : ''}`)}</system-out>`;
  const o = outcome(c);
  const inner =
    o === 'pass'
      ? []
      : o === 'skipped'
        ? [`      <skipped${attrs({ message: c.bonus && c.status === 'fail' ? `${isAdvice(c) ? 'advice' : 'bonus not earned'}: ${c.message}` : c.message })}/>`]
        : [`      <${o}${attrs({ message: c.message, type: c.kind })}>${escapeXml(checkText(c))}</${o}>`];
  return [open, ...inner, points, '    </testcase>'].join('\n');
}

/** GitLab drops test cases whose names repeat within a suite; the check id tells them apart. */
function caseNames(checks: readonly CheckResult[]): string[] {
  const seen = new Map<string, number>();
  for (const c of checks) seen.set(c.title, (seen.get(c.title) ?? 0) + 1);
  return checks.map((c) => (seen.get(c.title)! > 1 ? `${c.title} [${c.id}]` : c.title));
}

function counts(checks: readonly CheckResult[]) {
  const n = { tests: checks.length, failures: 0, errors: 0, skipped: 0 };
  for (const c of checks) {
    const o = outcome(c);
    if (o === 'failure') n.failures++;
    else if (o === 'error') n.errors++;
    else if (o === 'skipped') n.skipped++;
  }
  return n;
}

/** JUnit XML for GitLab's test report widget: one suite per exercise, one case per check. */
export function renderJunit({ result }: ReportInput): string {
  const suites = result.exercises.map((e) => {
    const names = caseNames(e.checks);
    const time = seconds(e.checks.reduce((s, c) => s + c.durationMs, 0));
    return [`  <testsuite${attrs({ name: e.id, ...counts(e.checks), time })}>`, ...e.checks.map((c, i) => testcase(e, c, names[i]!)), '  </testsuite>'].join(
      '\n',
    );
  });
  // Left out of the run: shown, so a merge request says which exercise was not graded and why.
  const notGraded = (result.notGraded ?? []).map((n) =>
    [
      `  <testsuite${attrs({ name: n.id, tests: 1, failures: 0, errors: 0, skipped: 1, time: seconds(0) })}>`,
      `    <testcase${attrs({ classname: n.id, name: `${n.title}: not graded`, time: seconds(0) })}>`,
      `      <skipped${attrs({ message: `not graded: ${n.reason}` })}/>`,
      '    </testcase>',
      '  </testsuite>',
    ].join('\n'),
  );
  const all = counts(result.exercises.flatMap((e) => e.checks));
  all.tests += notGraded.length;
  all.skipped += notGraded.length;
  const top = attrs({ name: `${result.grader.name} ${result.target.endpoint}`, ...all, time: seconds(result.durationMs) });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${top}>`, ...suites, ...notGraded, '</testsuites>', ''].join('\n');
}
