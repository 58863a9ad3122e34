import { cpSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BatchProgress } from '../batch/batch-progress';
import { BatchBoardSender } from '../board/batch-sender';
import { writeClassReport } from '../batch/class-report';
import { hostDir, hostIdsIn, preferredOutcome, readHostStatus, type HostStatus } from '../batch/host-outcome';
import { loadHostsFile, shardOf, type BatchHost } from '../batch/hosts-file';
import { runBatch } from '../batch/run-batch';
import { ensureWritableFolder, fallbackReportFolders, FoldersUnwritableError, writeWithFallback } from '../files/fallback-folder';
import { SetupError } from '../errors/setup-error';
import { message, type Lang } from '../messages/catalog';
import { dateLocale } from '../messages/language';
import { phrase } from '../messages/phrase';
import type { ReportFormat } from '../report/index';
import { KnownHosts } from '../ssh/known-hosts';
import { Interruption } from './interruption';
import type { CliIo } from './io';
import { exercisesToGrade } from './exercises-to-grade';
import { pause } from '../time/pause';
import { makeFolder } from '../files/make-folder';

export interface BatchCommandOptions {
  out: string;
  formats: readonly ReportFormat[];
  vars: Record<string, string>;
  exercisesDir: string;
  concurrency: number;
  checkConcurrency: number;
  timeoutSeconds: number;
  connectTimeoutSeconds: number;
  hostTimeoutSeconds: number;
  resume: boolean;
  reportOnly: boolean;
  shard?: { k: number; n: number };
  knownHosts?: string;
  acceptNew: boolean;
  registryUrl?: string;
  lang?: Lang;
  /** Grade in rounds, one starting this many ms after the previous one started, until Ctrl-C. */
  everyMs?: number;
  /** Send each graded host's result to a live board, with the instructor secret. */
  board?: { url: string; secret: string };
}

/** `--every 2m` → 120000; seconds, minutes or hours, at least 10 s. */
export function parseInterval(text: string, lang: Lang = 'en'): number {
  const m = /^(\d+)(s|m|h)$/.exec(text.trim());
  const ms = Number(m?.[1]) * ({ s: 1000, m: 60_000, h: 3_600_000 } as const)[(m?.[2] ?? 's') as 's' | 'm' | 'h'];
  if (!m || ms < 10_000) throw new SetupError(message(lang, 'cli.badEvery', { value: text }), message(lang, 'cli.badEveryAdvice'));
  return ms;
}

/** `--shard 2/4` → { k: 2, n: 4 }. */
export function parseShard(text: string, lang: Lang = 'en'): { k: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) throw new SetupError(message(lang, 'cli.badShard', { value: text }), message(lang, 'cli.badShardAdvice'));
  return { k, n };
}

/**
 * The batch's --out, checked before hours of grading: when it cannot be
 * written (a file in the way, a read-only or full disk) the whole batch goes to
 * a fallback folder, named in one line, rather than losing every host's work.
 */
function writableOut(out: string, io: CliIo, lang: Lang): string {
  try {
    const placed = writeWithFallback(out, fallbackReportFolders(io.env, new Date().toISOString()), ensureWritableFolder);
    if (placed.fellBack) io.stderr.write(`${message(lang, 'files.batchFallback', { wanted: out, why: placed.why, fallback: placed.dir })}\n`);
    return placed.dir;
  } catch (e) {
    if (e instanceof FoldersUnwritableError)
      throw new SetupError(message(lang, 'files.batchNoFolder', { wanted: out, why: e.why }), message(lang, 'files.batchNoFolderAdvice'));
    throw e;
  }
}

/**
 * `grade batch HOSTS_FILE [EXERCISE…]`: every host graded over SSH, a folder
 * per student, then the class report. Exit 0 when every host was graded, 1
 * when some could not be (the report says which and why), 130 on Ctrl-C.
 */
export async function batchCommand(hostsFile: string, ids: string[], opts: BatchCommandOptions, io: CliIo): Promise<number> {
  const all = loadHostsFile(hostsFile);
  const hosts: BatchHost[] = opts.shard ? shardOf(all, opts.shard.k, opts.shard.n) : all;
  const lang = opts.lang ?? 'en';
  opts = { ...opts, out: writableOut(opts.out, io, lang) };
  if (opts.reportOnly) {
    const { files, report } = writeClassReport(opts.out, hosts, { ...(opts.lang ? { lang: opts.lang } : {}) });
    io.stderr.write(`${message(lang, 'batch.fromOutcomes', { count: report.summary.graded + report.summary.errored, files: files.join(', ') })}\n`);
    return report.summary.errored ? 1 : 0;
  }
  const catalog = exercisesToGrade(opts.exercisesDir, ids, io, opts.lang);
  const interruption = new Interruption(io, message(lang, 'batch.interruptConsequence'), lang);
  const board = opts.board ? new BatchBoardSender(opts.board.url, opts.board.secret, lang) : undefined;
  try {
    for (let round = 1; ; round++) {
      const started = Date.now();
      if (opts.everyMs) io.stderr.write(`${message(lang, 'batch.round', { round, time: new Date(started).toLocaleTimeString(dateLocale(lang)) })}\n`);
      const progress = new BatchProgress(io.stderr, hosts.length, io.env, lang);
      const summary = await runBatch(hosts, {
        catalog,
        exerciseIds: ids,
        vars: opts.vars,
        out: opts.out,
        formats: opts.formats,
        concurrency: opts.concurrency,
        checkConcurrency: opts.checkConcurrency,
        checkTimeoutMs: opts.timeoutSeconds * 1000,
        connectTimeoutMs: opts.connectTimeoutSeconds * 1000,
        hostTimeoutMs: opts.hostTimeoutSeconds * 1000,
        // Later rounds grade everyone again: that is what a round is for.
        resume: opts.resume && round === 1,
        security: { knownHosts: new KnownHosts(opts.knownHosts ?? path.join(os.homedir(), '.ssh', 'known_hosts')), acceptNew: opts.acceptNew },
        registry: opts.registryUrl ? { dockerHubUrl: opts.registryUrl } : {},
        signal: interruption.signal,
        env: io.env,
        ...(opts.lang ? { lang: opts.lang } : {}),
        onHostStart: () => progress.started(),
        onHostEnd: (h, outcome) => {
          progress.ended(h, outcome);
          if (board && typeof outcome === 'object' && outcome.state === 'graded') board.send(opts.out, h);
        },
      });
      progress.finish();
      // The class table covers the whole file, so a shard's or a resumed run's report shows what is known.
      const { files } = writeClassReport(opts.out, opts.shard ? hosts : all, { ...(opts.lang ? { lang: opts.lang } : {}) });
      io.stderr.write(`${message(lang, 'batch.classReport', { file: files[0] })}\n`);
      if (board) io.stderr.write(`${await board.roundDone()}\n`);
      if (interruption.happened) {
        io.stderr.write(`${message(lang, 'batch.interrupted', { done: summary.graded + summary.errored, notDone: summary.interrupted })}\n`);
        return 130;
      }
      const status = summary.errored ? 1 : 0;
      if (!opts.everyMs) return status;
      const wait = opts.everyMs - (Date.now() - started);
      io.stderr.write(`${message(lang, 'batch.nextRound', { seconds: Math.max(0, Math.round(wait / 1000)) })}\n`);
      await pause(wait, interruption.signal);
      if (interruption.happened) return status;
    }
  } finally {
    interruption.dispose();
    await board?.close();
  }
}

/** "s03: kept the graded outcome of … over a later error (…) in …": a merge says when it did not take the latest. */
function keptOverLaterError(lang: Lang, kept: HostStatus, later: HostStatus, shard?: string): string | undefined {
  if (kept.state !== 'graded' || later.state !== 'error' || Date.parse(later.startedAt) <= Date.parse(kept.startedAt)) return undefined;
  const data = {
    id: kept.id,
    kept: kept.startedAt,
    later: later.startedAt,
    where: shard ? phrase('batch.inShard', { shard }) : '',
    error: later.error ?? phrase('batch.noReason'),
  };
  return `${message(lang, 'batch.keptGraded', data)}\n`;
}

/**
 * `grade merge OUT SHARD…`: one class report from the folders of several
 * shards (e.g. GitLab CI parallel jobs' artifacts). A host present in several
 * keeps its latest graded outcome — a later error (the VM was off for a
 * re-run) never hides work already graded, and the merge says so — else its
 * latest outcome.
 */
export function mergeCommand(out: string, shards: string[], hostsFile: string | undefined, io: CliIo, lang?: Lang): number {
  const say = lang ?? 'en';
  makeFolder(out);
  let copied = 0;
  for (const shard of shards) {
    if (!existsSync(shard)) throw new SetupError(message(say, 'batch.noShard', { shard }), message(say, 'batch.noShardHint'));
    for (const id of hostIdsIn(shard)) {
      const theirs = readHostStatus(shard, id)!;
      const ours = readHostStatus(out, id);
      if (preferredOutcome(ours, theirs) === 'ours') {
        const note = keptOverLaterError(say, ours!, theirs, shard);
        if (note) io.stderr.write(note);
        continue;
      }
      if (ours) {
        const note = keptOverLaterError(say, theirs, ours);
        if (note) io.stderr.write(note);
      }
      rmSync(hostDir(out, id), { recursive: true, force: true });
      cpSync(hostDir(shard, id), hostDir(out, id), { recursive: true });
      copied++;
    }
  }
  const { files, report } = writeClassReport(out, hostsFile ? loadHostsFile(hostsFile) : undefined, { ...(lang ? { lang } : {}) });
  io.stderr.write(`${message(say, 'batch.merged', { count: copied, shards: shards.length, files: files.join(', ') })}\n`);
  return report.summary.errored ? 1 : 0;
}
