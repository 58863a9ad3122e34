import createDebug from 'debug';
import type { CheckContext, Verdict } from '../check/kind';
import { AbortedError } from '../docker/engine';
import { EngineView } from '../docker/engine-view';
import { ProbeRunner } from '../docker/probes';
import { errorMessage } from '../errors/setup-error';
import { grader } from '../package/package-info';
import { RegistryAccess, type RegistryAccessOptions } from '../registry/registry-access';
import { appliesIn } from '../exercise/exercise';
import type { OpenTarget } from '../grading-target/target';
import { exerciseScore, totalScore, type CheckResult, type ExerciseResult, type GradeResult, type StudentInfo } from '../result/types';
import { localizeEvidence, message, renderMessage, type Lang } from '../messages/catalog';
import { kindMessageTemplate } from '../check/kind-messages';
import { notGradedExercises, type Plan, type PlannedCheck } from './plan';
import { Semaphore } from '../concurrency/semaphore';
import { startDeadline } from '../time/deadline';

const debug = createDebug('grade:runner');

export interface RunHooks {
  onCheckStart?(check: PlannedCheck): void;
  onCheckEnd?(check: PlannedCheck, result: CheckResult): void;
}

export interface RunOptions {
  /** Checks under way at once (default 8). */
  concurrency?: number;
  /** Per-check limit unless the spec sets `timeoutMs` (default 30 s). */
  checkTimeoutMs?: number;
  /** Aborting it (Ctrl-C) stops new checks and cancels running ones; probes are still removed. */
  signal?: AbortSignal;
  hooks?: RunHooks;
  student?: StudentInfo;
  /** Which registry stands for Docker Hub, credentials (from the environment), timeouts. */
  registry?: RegistryAccessOptions;
  /** The label value of this run's probes (default: a fresh UUID). */
  probeRunId?: string;
  /** Language of the messages written into the result (default English). */
  lang?: Lang;
}

/** A check that ran past its time limit: told apart so the report can say "wait and grade again". */
class CheckTimeoutError extends Error {}

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

function baseResult(check: PlannedCheck): Omit<CheckResult, 'status' | 'points' | 'message' | 'durationMs'> {
  const s = check.spec;
  return {
    id: s.id,
    title: check.title,
    kind: s.kind,
    maxPoints: s.points,
    ...(s.bonus ? { bonus: true } : {}),
    ...(check.hint ? { hint: check.hint } : {}),
    ...(check.hintCommand ? { hintCommand: check.hintCommand } : {}),
    slide: s.slide ?? check.exercise.slides[0]!,
    ...(s.warning ? { warning: s.warning } : {}),
  };
}

async function evaluateWithTimeout(
  check: PlannedCheck,
  ctx: Omit<CheckContext, 'signal' | 'deadline'>,
  runSignal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<Verdict> {
  const limit = startDeadline('check', timeoutMs, runSignal);
  let onAbort: (() => void) | undefined;
  // The check's own work may not heed its signal: the race ends it at the limit or at Ctrl-C regardless.
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(limit.expired ? new CheckTimeoutError(String(timeoutMs / 1000)) : new AbortedError());
    if (limit.signal.aborted) onAbort();
    else limit.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([check.kind.evaluate(check.params, { ...ctx, signal: limit.signal, deadline: limit.endsAt }), stopped]);
  } finally {
    limit.dispose();
    if (onAbort) limit.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs a plan against an open target: every check as soon as the checks it
 * `needs` have passed, at most `concurrency` at a time. A check that throws or
 * times out is an `error` (the grader could not decide), never a `fail`.
 * Probe containers are removed before this returns, whatever happened.
 */
export async function runPlan(plan: Plan, target: OpenTarget, options: RunOptions = {}): Promise<GradeResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const probes = new ProbeRunner(target.engine, options.probeRunId);
  const view = new EngineView(target.engine, probes, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(target.staged ? { imageAliases: target.staged.imageAliases, containerScope: target.staged.containerScope } : {}),
  });
  const registry = new RegistryAccess(options.registry ?? {}, { os: target.info.os, architecture: target.info.arch });
  const ctx = {
    engine: view,
    http: target.http,
    registry,
    ...(target.staged ? { repo: target.staged.repo, stagedAt: target.staged.stagedAt } : {}),
  };
  const limiter = new Semaphore(options.concurrency ?? DEFAULT_CONCURRENCY);
  const hooks = options.hooks ?? {};
  const lang = options.lang ?? 'en';

  const runCheck = async (check: PlannedCheck, deps: Promise<CheckResult>[]): Promise<CheckResult> => {
    const depResults = await Promise.all(deps);
    const blocked = depResults.filter((d) => d.status !== 'pass');
    const base = baseResult(check);
    if (blocked.length) {
      const result: CheckResult = {
        ...base,
        status: 'skip',
        points: 0,
        message: message(lang, 'runner.skipped', { needs: blocked.map((b) => `"${b.title}" (${message(lang, `status.${b.status}`)})`).join(', ') }),
        durationMs: 0,
      };
      hooks.onCheckEnd?.(check, result);
      return result;
    }
    return limiter.use(async () => {
      const t0 = Date.now();
      hooks.onCheckStart?.(check);
      let result: CheckResult;
      if (options.signal?.aborted) {
        result = { ...base, status: 'error', points: 0, message: message(lang, 'runner.interrupted'), messageId: 'grader.interrupted', durationMs: 0 };
      } else if (target.staged?.cannotGradeState && appliesIn(check.spec, 'host')) {
        // The state these checks look at could not be produced here: the grader's limit, never the student's.
        result = {
          ...base,
          status: 'error',
          points: 0,
          message: message(lang, 'runner.cannotGradeState', { reason: target.staged.cannotGradeState }),
          messageId: 'grader.cannotGradeState',
          durationMs: 0,
        };
      } else {
        try {
          const v = await evaluateWithTimeout(check, ctx, options.signal, check.spec.timeoutMs ?? options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
          result = {
            ...base,
            status: v.status,
            points: v.status === 'pass' ? check.spec.points : 0,
            message: renderMessage(lang, kindMessageTemplate(check.kind.meta, v.messageId, lang) ?? v.messageId, v.data),
            messageId: v.messageId,
            ...(v.evidence ? { evidence: localizeEvidence(v.evidence, lang) } : {}),
            durationMs: Date.now() - t0,
          };
        } catch (e) {
          debug('check %s/%s threw: %O', check.exercise.id, check.spec.id, e);
          const timedOut = e instanceof CheckTimeoutError;
          const reason = timedOut ? message(lang, 'runner.timeout', { seconds: e.message }) : errorMessage(e);
          result = {
            ...base,
            status: 'error',
            points: 0,
            message: message(lang, 'runner.undecided', { reason }),
            messageId: timedOut ? 'grader.timeout' : 'grader.undecided',
            durationMs: Date.now() - t0,
          };
        }
      }
      hooks.onCheckEnd?.(check, result);
      return result;
    });
  };

  let exercises: ExerciseResult[];
  try {
    exercises = await Promise.all(
      plan.exercises.map(async (pe) => {
        // Loading rejected cycles, so a check's needs are always created before it when
        // walking in dependency order.
        const promises = new Map<string, Promise<CheckResult>>();
        const pending = [...pe.checks];
        while (pending.length) {
          const i = pending.findIndex((c) => (c.spec.needs ?? []).every((n) => promises.has(n)));
          const [check] = pending.splice(i, 1);
          promises.set(
            check!.spec.id,
            runCheck(
              check!,
              (check!.spec.needs ?? []).map((n) => promises.get(n)!),
            ),
          );
        }
        const checks = await Promise.all(pe.checks.map((c) => promises.get(c.spec.id)!));
        return {
          id: pe.exercise.id,
          title: pe.exercise.title,
          slides: pe.exercise.slides,
          score: exerciseScore(checks),
          checks,
        };
      }),
    );
  } finally {
    await probes.dispose();
  }

  return {
    schemaVersion: 1,
    grader: { name: grader.name, version: grader.version },
    target: { kind: target.kind, endpoint: target.endpoint, dockerVersion: target.info.version },
    ...(options.student && (options.student.id || options.student.name) ? { student: options.student } : {}),
    startedAt,
    durationMs: Date.now() - started,
    score: totalScore(exercises),
    exercises,
    ...(plan.notGraded.length ? { notGraded: notGradedExercises(plan, lang) } : {}),
    lang,
  };
}
