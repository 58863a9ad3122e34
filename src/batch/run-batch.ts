import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import { PROBE_RUN_LABEL } from '../docker/probes';
import { errorMessage, SetupError } from '../errors/setup-error';
import type { RegistryAccessOptions } from '../registry/registry-access';
import { renderValue, type Lang } from '../messages/catalog';
import { phrase } from '../messages/phrase';
import type { ReportFormat } from '../report/index';
import { planGrading } from '../runner/plan';
import { withOpenTarget } from '../runner/open-target';
import { runPlan } from '../runner/run';
import { Semaphore } from '../concurrency/semaphore';
import type { Exercise } from '../exercise/exercise';
import { HostError, SshSession, type SshEndpoint, type SshSecurity } from '../ssh/ssh-session';
import { SshTarget } from '../grading-target/ssh/ssh-target';
import type { BatchHost } from './hosts-file';
import type { GradeResult } from '../result/types';
import { readHostStatus, writeHostOutcome, type HostStatus } from './host-outcome';
import { startDeadline } from '../time/deadline';

const debug = createDebug('grade:batch');

export interface BatchOptions {
  catalog: readonly Exercise[];
  exerciseIds: readonly string[];
  /** Variables for every host; a host's own variables win. */
  vars: Readonly<Record<string, string>>;
  out: string;
  formats: readonly ReportFormat[];
  /** Hosts graded at once. */
  concurrency: number;
  /** Checks at once on one host. */
  checkConcurrency: number;
  checkTimeoutMs: number;
  connectTimeoutMs: number;
  /** Whole grading of one host, connection included. */
  hostTimeoutMs: number;
  /** Skip hosts already graded in `out`. */
  resume: boolean;
  security: SshSecurity;
  registry: RegistryAccessOptions;
  /** Aborted by Ctrl-C: no new host starts, running ones stop and remove their probes. */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  /** Language of the messages in results and reports (default English). */
  lang?: Lang;
  onHostStart?(host: BatchHost): void;
  onHostEnd?(host: BatchHost, status: HostStatus | 'skipped' | 'interrupted'): void;
}

export interface BatchSummary {
  graded: number;
  errored: number;
  skipped: number;
  interrupted: number;
}

/**
 * After a host hung or dropped mid-grading, its probes may be beyond reach of
 * that connection (created, never started, so never auto-removed): a fresh
 * connection removes them with plain docker commands. Best effort: a host
 * that cannot be reached keeps them until its next grading sweeps them.
 */
async function removeProbesBySsh(endpoint: SshEndpoint, security: SshSecurity, runId: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    const session = await SshSession.open(endpoint, { ...security, acceptNew: false }, timeoutMs, env);
    try {
      await session.exec(`ids=$(docker ps -aq --filter label=${PROBE_RUN_LABEL}=${runId}); [ -z "$ids" ] || docker rm -f $ids >/dev/null`, timeoutMs);
    } finally {
      session.close();
    }
  } catch (e) {
    debug('could not remove the probes of run %s on %s: %s', runId, endpoint.host, errorMessage(e));
  }
}

/**
 * Grades every host, at most `concurrency` at a time. A host that cannot be
 * graded (unreachable, refused key, changed host key, no docker, engine down,
 * no permission, hung, dropped) becomes that host's error with a one-line
 * reason; the others are graded regardless. Each outcome is written as soon
 * as it is known.
 */
export async function runBatch(hosts: readonly BatchHost[], opts: BatchOptions): Promise<BatchSummary> {
  const summary: BatchSummary = { graded: 0, errored: 0, skipped: 0, interrupted: 0 };
  const limiter = new Semaphore(opts.concurrency);

  const gradeHost = async (host: BatchHost): Promise<HostStatus | 'interrupted'> => {
    const started = Date.now();
    const lang = opts.lang ?? 'en';
    const endpoint: SshEndpoint = { host: host.host, port: host.port, user: host.user, ...(host.identityFile ? { identityFile: host.identityFile } : {}) };
    const target = new SshTarget(endpoint, opts.security, opts.connectTimeoutMs, opts.env);
    const probeRunId = randomUUID();
    const base = { schemaVersion: 1 as const, id: host.id, name: host.name, endpoint: target.endpoint, startedAt: new Date(started).toISOString() };
    const failed = (error: string): HostStatus => ({ ...base, state: 'error', error, durationMs: Date.now() - started });
    const hostLimit = startDeadline(`host ${host.id}`, opts.hostTimeoutMs, opts.signal);
    const hostSignal = hostLimit.signal;
    const overtime = () => phrase('part.host.overtime', { seconds: opts.hostTimeoutMs / 1000 });
    try {
      const plan = planGrading(opts.catalog, opts.exerciseIds, { ...opts.vars, ...host.vars }, 'host', opts.lang);
      return await withOpenTarget(
        target,
        async (open) => {
          const result = await runPlan(plan, open, {
            signal: hostSignal,
            concurrency: opts.checkConcurrency,
            checkTimeoutMs: opts.checkTimeoutMs,
            student: { id: host.id, name: host.name },
            registry: opts.registry,
            probeRunId,
            ...(opts.lang ? { lang: opts.lang } : {}),
          });
          if (opts.signal.aborted) return 'interrupted';
          const lost = open.lostReason();
          if (lost || hostSignal.aborted) {
            await removeProbesBySsh(endpoint, opts.security, probeRunId, opts.connectTimeoutMs, opts.env);
            return failed(renderValue(lang, lost ? phrase('part.host.dropped', { reason: lost }) : overtime()));
          }
          // A host where no check could be decided (its engine stopped answering once connected) has no grade:
          // a total of 0 in the gradebook would blame the student for the grader's errors.
          const undecided = nothingDecided(result);
          if (undecided) {
            await removeProbesBySsh(endpoint, opts.security, probeRunId, opts.connectTimeoutMs, opts.env);
            return failed(renderValue(lang, phrase('part.host.nothingDecided', { reason: undecided })));
          }
          writeHostOutcome(opts.out, { ...base, state: 'graded', score: result.score, durationMs: Date.now() - started }, result, opts.formats, opts.lang);
          return readHostStatus(opts.out, host.id)!;
        },
        { signal: hostSignal, abortReason: () => new HostError(overtime()), onCloseError: (e) => debug('closing %s: %s', host.id, e.message) },
      );
    } catch (e) {
      if (opts.signal.aborted) return 'interrupted';
      debug('host %s: %O', host.id, e);
      // grade's own words in the run's language; the SSH library's and the engine's as they are.
      return failed(
        e instanceof HostError ? renderValue(lang, e.said ?? e.message) : e instanceof SetupError ? e.line(lang) : `unexpected: ${errorMessage(e)}`,
      );
    } finally {
      hostLimit.dispose();
    }
  };

  await Promise.all(
    hosts.map((host) =>
      limiter.use(async () => {
        if (opts.signal.aborted) {
          summary.interrupted++;
          return;
        }
        if (opts.resume && readHostStatus(opts.out, host.id)?.state === 'graded') {
          summary.skipped++;
          opts.onHostEnd?.(host, 'skipped');
          return;
        }
        opts.onHostStart?.(host);
        const outcome = await gradeHost(host);
        if (outcome === 'interrupted') {
          summary.interrupted++;
        } else {
          if (outcome.state === 'error') writeHostOutcome(opts.out, outcome, undefined, opts.formats);
          summary[outcome.state === 'graded' ? 'graded' : 'errored']++;
        }
        opts.onHostEnd?.(host, outcome);
      }),
    ),
  );
  return summary;
}

/** The first undecided check's message when no check of a result passed or failed (the rest skipped for it); otherwise undefined. */
export function nothingDecided(result: GradeResult): string | undefined {
  const checks = result.exercises.flatMap((e) => e.checks);
  if (checks.some((c) => c.status === 'pass' || c.status === 'fail')) return undefined;
  return checks.find((c) => c.status === 'error')?.message;
}
