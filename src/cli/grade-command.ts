import type { StudentBoardLink } from '../board/push-after-run';
import { readAttemptHistory, type AttemptHistory } from '../history/attempt-index';
import type { Lang } from '../messages/catalog';
import { message } from '../messages/catalog';
import { SetupError } from '../errors/setup-error';
import { closestWord } from '../words/closest-word';
import type { ReportFormat } from '../report/index';
import { TerminalReporter } from '../report/terminal';
import { allRequiredPassed, type GradeResult, type StudentInfo } from '../result/types';
import { watchLoop } from '../watch/watch-loop';
import { ProbeRunner } from '../docker/probes';
import { grader } from '../package/package-info';
import { withOpenTarget } from '../runner/open-target';
import { notGradedExercises, planGrading, type Plan } from '../runner/plan';
import { runPlan } from '../runner/run';
import { LocalTarget } from '../grading-target/local/local-target';
import type { OpenTarget } from '../grading-target/target';
import { finishRun } from './finish-run';
import { Interruption } from './interruption';
import type { CliIo } from './io';
import { exercisesToGrade } from './exercises-to-grade';
import { terminalLine } from '../report/terminal-text';

/** The board client (and undici with it) is loaded only by a run that has a board to send to. */
const pushAfterRun: typeof import('../board/push-after-run').pushAfterRun = (...args) =>
  (require('../board/push-after-run') as typeof import('../board/push-after-run')).pushAfterRun(...args);

export interface GradeOptions {
  json?: boolean;
  out: string;
  reports: boolean;
  formats: readonly ReportFormat[];
  /** The history file to read and append to; false with --no-history. */
  historyFile: string | false;
  vars: Record<string, string>;
  host?: string;
  exercisesDir: string;
  concurrency: number;
  timeoutSeconds: number;
  student?: StudentInfo;
  /** The registry API standing for Docker Hub (default https://registry-1.docker.io). */
  registryUrl?: string;
  /** Regrade after every change on the engine until Ctrl-C. */
  watch?: boolean;
  /** From `grade init --board`: each finished run's result is sent to the live board. */
  board?: StudentBoardLink;
  /** Language of messages, reports and the terminal (default English). */
  lang?: Lang;
  /** grade's subcommands, so `grade lsit` is answered "did you mean grade list?". */
  commandNames?: readonly string[];
}

/** Same statuses and points for every check: nothing worth a new history record. */
function sameOutcome(a: GradeResult | undefined, b: GradeResult): boolean {
  const key = (r: GradeResult) => JSON.stringify(r.exercises.map((e) => e.checks.map((c) => [c.id, c.status, c.points])));
  return a !== undefined && key(a) === key(b);
}

/**
 * Registry credentials come from the environment only — never from the command
 * line (shell history, ps) nor from the docker CLI's config — and are never
 * written anywhere.
 */
function registryCredentials(env: NodeJS.ProcessEnv) {
  const username = env.GRADE_REGISTRY_USERNAME;
  const password = env.GRADE_REGISTRY_PASSWORD;
  return username && password ? { username, password } : undefined;
}

/** A word that is no exercise id but nearly a subcommand (`grade lsit`) was meant as that command. */
function rejectMistypedCommands(ids: readonly string[], exerciseIds: readonly string[], commandNames: readonly string[], lang: Lang): void {
  for (const word of ids) {
    if (exerciseIds.includes(word)) continue;
    // `docker version`, `npm version`: grade's is an option.
    if (word === 'version') throw new SetupError(message(lang, 'cli.versionWord', { word }), message(lang, 'cli.versionHint'));
    const command = closestWord(word, commandNames);
    const exercise = closestWord(word, exerciseIds);
    if (command && (!exercise || command.distance < exercise.distance))
      throw new SetupError(message(lang, 'cli.unknownCommandLike', { word, command: command.word }));
  }
}

/** `grade [EXERCISE…]`: grade the local (or --host) engine. Returns the exit status. */
export async function gradeCommand(ids: string[], opts: GradeOptions, io: CliIo): Promise<number> {
  const catalog = exercisesToGrade(opts.exercisesDir, ids, io, opts.lang);
  rejectMistypedCommands(
    ids,
    catalog.map((e) => e.id),
    opts.commandNames ?? [],
    opts.lang ?? 'en',
  );
  const plan = planGrading(catalog, ids, opts.vars, 'host', opts.lang);
  // Before connecting: a damaged history stops us before the student waits for a whole grading.
  const history = opts.historyFile ? readAttemptHistory(opts.historyFile) : undefined;
  return withOpenTarget(new LocalTarget(opts.host, io.env, opts.lang), (target) => gradeOpenTarget(plan, target, history, opts, io));
}

async function gradeOpenTarget(plan: Plan, target: OpenTarget, history: AttemptHistory | undefined, opts: GradeOptions, io: CliIo): Promise<number> {
  const lang = opts.lang ?? 'en';
  // The summary is the run's primary output (stdout), unless stdout carries the JSON.
  const terminal = new TerminalReporter(io.stderr, io.env, lang, opts.json ? io.stderr : io.stdout);
  const interruption = new Interruption(io, message(lang, 'run.stoppingProbes'), lang);
  // Probes left by an earlier grade that was killed outright are ours to remove. Only those older
  // than any probe's time limit are, never this run's: the sweep runs beside the grading.
  const sweeping = ProbeRunner.sweepStale(target.engine).catch(() => 0);
  try {
    terminal.header({ endpoint: target.endpoint, dockerVersion: target.info.version }, grader.version);
    for (const { id, reason } of notGradedExercises(plan, lang)) io.stderr.write(`${message(lang, 'terminal.notGraded', { id, reason })}\n`);
    const checkCount = plan.exercises.reduce((n, e) => n + e.checks.length, 0);
    const gradeOnce = async () => {
      terminal.start(checkCount);
      try {
        return await runPlan(plan, target, {
          concurrency: opts.concurrency,
          checkTimeoutMs: opts.timeoutSeconds * 1000,
          signal: interruption.signal,
          hooks: terminal,
          ...(opts.student ? { student: opts.student } : {}),
          lang,
          registry: {
            ...(opts.registryUrl ? { dockerHubUrl: opts.registryUrl } : {}),
            ...(registryCredentials(io.env) ? { credentials: registryCredentials(io.env)! } : {}),
          },
        });
      } finally {
        terminal.stop();
      }
    };
    const finishOptions = (h: AttemptHistory | undefined, append = true) => ({
      out: opts.out,
      reports: opts.reports,
      formats: opts.formats,
      json: Boolean(opts.json),
      // Watching prints a result per run: one JSON document per line (JSON Lines), so a reader can split them.
      ...(opts.watch ? { jsonLines: true } : {}),
      append,
      lang,
      ...(h ? { history: h } : {}),
    });
    // Watch mode: the reports of the last complete grading stay on disk when Ctrl-C stops a later one.
    let lastReports: string[] = [];
    const interrupted = () => {
      io.stderr.write(`${lastReports.length ? message(lang, 'run.watchStopped', { file: lastReports[0] }) : message(lang, 'run.interrupted')}\n`);
      // The shell's convention: 128 + the signal's number.
      return interruption.exitStatus;
    };

    if (opts.watch) {
      let previous: GradeResult | undefined;
      let current = history;
      await watchLoop({
        engine: target.engine,
        signal: interruption.signal,
        grade: async (changes, firstChangeAt) => {
          const started = Date.now();
          const result = await gradeOnce();
          if (interruption.happened) return;
          if (terminal.isLive) io.stderr.write('\x1b[2J\x1b[H');
          const changed = !sameOutcome(previous, result);
          const files = finishRun(result, finishOptions(current, changed), io, terminal);
          if (files.length) lastReports = files;
          if (changed && opts.board) await pushAfterRun(result, opts.board, io);
          if (changed && opts.historyFile) current = readAttemptHistory(opts.historyFile);
          previous = result;
          const why = changes.length
            ? message(lang, 'run.watchedAfter', { changes: `${[...new Set(changes)].slice(0, 3).join(', ')}${changes.length > 3 ? ', …' : ''}` })
            : message(lang, 'run.watchedAtStart');
          const latency = firstChangeAt ? message(lang, 'run.watchedLatency', { seconds: ((Date.now() - firstChangeAt) / 1000).toFixed(1) }) : '';
          io.stderr.write(`${message(lang, 'run.watched', { why: terminalLine(why), seconds: ((Date.now() - started) / 1000).toFixed(1), latency })}\n`);
        },
      });
      return interruption.happened ? interrupted() : 0;
    }

    const result = await gradeOnce();
    if (interruption.happened) return interrupted();
    finishRun(result, finishOptions(history), io, terminal);
    if (opts.board) await pushAfterRun(result, opts.board, io);
    return allRequiredPassed(result) ? 0 : 1;
  } finally {
    terminal.stop();
    // Still listening while the sweep ends: a Ctrl-C during it is the second one, and exits at once.
    await sweeping;
    interruption.dispose();
  }
}
