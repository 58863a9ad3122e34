import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../messages/catalog';
import { unguessableSibling } from '../files/replace-file';
import { reporters, type ReportFormat } from '../report/index';
import type { GradeResult, Score } from '../result/types';
import { makeFolder } from '../files/make-folder';

/** What became of one host in a batch, kept beside its reports. */
export interface HostStatus {
  schemaVersion: 1;
  id: string;
  name: string;
  endpoint: string;
  state: 'graded' | 'error';
  /** One line: why the host could not be graded. */
  error?: string;
  score?: Score;
  startedAt: string;
  durationMs: number;
}

const STATUS = 'status.json';
const RESULT = reporters.json.file;

export function hostsDir(out: string): string {
  return path.join(out, 'hosts');
}

export function hostDir(out: string, id: string): string {
  return path.join(hostsDir(out), id);
}

/**
 * Writes a host's folder (status, and for a graded host its reports) as a whole:
 * built beside it, then renamed into place. An interrupted batch leaves each
 * host either done or not there — never half a host.
 */
export function writeHostOutcome(out: string, status: HostStatus, result: GradeResult | undefined, formats: readonly ReportFormat[], lang?: Lang): void {
  const dir = hostDir(out, status.id);
  makeFolder(hostsDir(out));
  // mkdir is exclusive and never follows a symlink; the unguessable name means no one can have put anything there.
  const tmp = unguessableSibling(dir);
  mkdirSync(tmp);
  if (result) {
    // The JSON result is always kept: the class report and --report-only read it.
    for (const f of new Set<ReportFormat>([...formats, 'json']))
      writeFileSync(path.join(tmp, reporters[f].file), reporters[f].render({ result, ...(lang ? { lang } : {}) }));
  }
  writeFileSync(path.join(tmp, STATUS), `${JSON.stringify(status, null, 2)}\n`);
  if (existsSync(dir)) {
    const old = unguessableSibling(dir, 'old');
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
}

export function readHostStatus(out: string, id: string): HostStatus | undefined {
  try {
    return JSON.parse(readFileSync(path.join(hostDir(out, id), STATUS), 'utf8')) as HostStatus;
  } catch {
    return undefined;
  }
}

export function readHostResult(out: string, id: string): GradeResult | undefined {
  try {
    return JSON.parse(readFileSync(path.join(hostDir(out, id), RESULT), 'utf8')) as GradeResult;
  } catch {
    return undefined;
  }
}

/** Host ids with an outcome in a batch folder (leftover temporary folders are not outcomes). */
export function hostIdsIn(out: string): string[] {
  try {
    return readdirSync(hostsDir(out)).filter((d) => !/\.(tmp|old)-\d+-[0-9a-f]+$/.test(d) && existsSync(path.join(hostDir(out, d), STATUS)));
  } catch {
    return [];
  }
}

/**
 * Which of two outcomes of one host a merge keeps: a graded outcome over an
 * error whatever their order (a later round that could not reach the VM says
 * nothing about the work graded before), otherwise the more recent one.
 */
export function preferredOutcome(ours: HostStatus | undefined, theirs: HostStatus): 'ours' | 'theirs' {
  if (!ours) return 'theirs';
  if (ours.state !== theirs.state) return ours.state === 'graded' ? 'ours' : 'theirs';
  return Date.parse(ours.startedAt) >= Date.parse(theirs.startedAt) ? 'ours' : 'theirs';
}
