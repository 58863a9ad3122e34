import { gradeRepository } from '../runner/grade-repository';
import type { Lang } from '../messages/catalog';
import type { ReportFormat } from '../report/index';
import { TerminalReporter } from '../report/terminal';
import { grader } from '../package-info';
import type { StudentInfo } from '../result/types';
import { appliesIn } from '../spec/exercise';
import { finishRun } from './finish-run';
import { Interruption } from './interruption';
import type { CliIo } from './io';
import { exercisesToGrade } from './exercises-to-grade';
import { terminalLine, terminalText } from '../report/terminal-text';

export interface RepoCommandOptions {
  json?: boolean;
  out: string;
  formats: readonly ReportFormat[];
  vars: Record<string, string>;
  host?: string;
  exercisesDir: string;
  concurrency: number;
  timeoutSeconds: number;
  /** Time limit of each repository step (build, compose up, down). */
  stepTimeoutSeconds?: number;
  /** Percentage of the points at or above which the run passes (exit 0). */
  passMark: number;
  student?: StudentInfo;
  lang?: Lang;
}

/** GRADE_EXERCISES="web_server wordpress_compose" (spaces or commas): what every repository of the course must hold. */
function courseExercises(env: NodeJS.ProcessEnv): string[] {
  return (env.GRADE_EXERCISES ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * `grade repo [DIR] [EXERCISE…]`: build, run and bring up what a student
 * repository holds, grade it, remove it. Exit 0 at or above the pass mark, 1
 * below, 2 when grading could not run. No attempt history: this runs in CI.
 */
export async function repoCommand(dir: string, ids: string[], opts: RepoCommandOptions, io: CliIo): Promise<number> {
  // The course's list (the student CI template's GRADE_EXERCISES) when none are named.
  const asked = ids.length ? ids : courseExercises(io.env);
  const catalog = exercisesToGrade(opts.exercisesDir, asked, io, opts.lang);
  const terminal = new TerminalReporter(io.stderr, io.env, opts.lang);
  const interruption = new Interruption(io, 'stopping, removing what grade repo started…');
  try {
    let headerShown = false;
    const result = await gradeRepository({
      dir,
      catalog,
      ids: asked,
      vars: opts.vars,
      ...(opts.host ? { hostFlag: opts.host } : {}),
      env: io.env,
      concurrency: opts.concurrency,
      checkTimeoutMs: opts.timeoutSeconds * 1000,
      ...(opts.stepTimeoutSeconds ? { stepTimeoutMs: opts.stepTimeoutSeconds * 1000 } : {}),
      signal: interruption.signal,
      hurry: interruption.secondSignal('no more waiting: force-removing what grade repo started…'),
      hooks: terminal,
      ...(opts.student ? { student: opts.student } : {}),
      ...(opts.lang ? { lang: opts.lang } : {}),
      onPhase: (exercise, phase) => {
        if (phase === 'staging') {
          if (!headerShown) io.stderr.write(`grade ${grader.version} · repository ${terminalLine(dir)}\n`);
          headerShown = true;
          const what = [exercise.repo?.build && 'build', exercise.repo?.run && 'run', exercise.repo?.compose && 'compose up'].filter(Boolean).join(', ');
          io.stderr.write(`${exercise.id}: ${what || 'reading files'}…\n`);
        }
        if (phase === 'grading') terminal.start(exercise.checks.filter((c) => appliesIn(c, 'repo')).length);
        if (phase === 'cleaning') terminal.stop();
      },
      onWarning: (m) => io.stderr.write(`grade: ${terminalText(m)}\n`),
      onNotGraded: (skipped) => {
        for (const n of skipped) io.stderr.write(`not graded: ${n.id} — ${terminalText(n.reason)}\n`);
      },
    });
    if (!result || interruption.happened) {
      io.stderr.write('grading interrupted; no report written\n');
      return interruption.exitStatus;
    }
    finishRun(
      result,
      { out: opts.out, reports: true, formats: opts.formats, json: Boolean(opts.json), ...(opts.lang ? { lang: opts.lang } : {}) },
      io,
      terminal,
    );
    const percent = result.score.max ? (100 * result.score.points) / result.score.max : 100;
    const verdict = percent >= opts.passMark ? 'passes' : 'is below';
    io.stderr.write(`${result.score.points}/${result.score.max} points (${Math.floor(percent)}%) ${verdict} the pass mark of ${opts.passMark}%\n`);
    return percent >= opts.passMark ? 0 : 1;
  } finally {
    terminal.stop();
    interruption.dispose();
  }
}
