import { gradeRepository } from '../runner/grade-repository';
import { message, type Lang } from '../messages/catalog';
import type { ReportFormat } from '../report/index';
import { TerminalReporter } from '../report/terminal';
import { grader } from '../package/package-info';
import type { StudentInfo } from '../result/types';
import { appliesIn } from '../exercise/exercise';
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
  const lang = opts.lang ?? 'en';
  // The summary is the run's primary output (stdout), unless stdout carries the JSON.
  const terminal = new TerminalReporter(io.stderr, io.env, opts.lang, opts.json ? io.stderr : io.stdout);
  const interruption = new Interruption(io, message(lang, 'run.stoppingRepo'), lang);
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
      hurry: interruption.secondSignal(message(lang, 'run.hurryRepo')),
      hooks: terminal,
      ...(opts.student ? { student: opts.student } : {}),
      ...(opts.lang ? { lang: opts.lang } : {}),
      onPhase: (exercise, phase) => {
        if (phase === 'staging') {
          if (!headerShown) io.stderr.write(`${message(lang, 'repo.header', { version: grader.version, dir: terminalLine(dir) })}\n`);
          headerShown = true;
          // Docker's own words (build, run, compose up) in every language.
          const what = [exercise.repo?.build && 'build', exercise.repo?.run && 'run', exercise.repo?.compose && 'compose up'].filter(Boolean).join(', ');
          io.stderr.write(`${message(lang, 'repo.staging', { exercise: exercise.id, steps: what || message(lang, 'repo.readingFiles') })}\n`);
        }
        if (phase === 'grading') terminal.start(exercise.checks.filter((c) => appliesIn(c, 'repo')).length);
        if (phase === 'cleaning') terminal.stop();
      },
      onWarning: (m) => io.stderr.write(`grade: ${terminalText(m)}\n`),
      onNotGraded: (skipped) => {
        for (const n of skipped) io.stderr.write(`${message(lang, 'repo.notGraded', { id: n.id, reason: terminalText(n.reason) })}\n`);
      },
    });
    if (!result || interruption.happened) {
      io.stderr.write(`${message(lang, 'run.interrupted')}\n`);
      return interruption.exitStatus;
    }
    finishRun(
      result,
      { out: opts.out, reports: true, formats: opts.formats, json: Boolean(opts.json), ...(opts.lang ? { lang: opts.lang } : {}) },
      io,
      terminal,
    );
    const percent = result.score.max ? (100 * result.score.points) / result.score.max : 100;
    const score = { points: result.score.points, max: result.score.max, percent: Math.floor(percent), mark: opts.passMark };
    terminal.summaryStream.write(`${message(lang, percent >= opts.passMark ? 'repo.passes' : 'repo.belowPassMark', score)}\n`);
    return percent >= opts.passMark ? 0 : 1;
  } finally {
    terminal.stop();
    interruption.dispose();
  }
}
