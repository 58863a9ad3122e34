import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MessageValue } from '../messages/phrase';

/** How one state-producing step of grade repo went (build, run, compose). */
export interface StepOutcome {
  ok: boolean;
  /** One line: what happened (a phrase, shown in the run's language). */
  summary: MessageValue;
  /** The end of the step's output (build log, container logs), for the report. */
  log?: string;
  /** It could not run for a limit of the grading machine (e.g. only Compose v1 here): not the student's doing. */
  environment?: boolean;
  durationMs: number;
}

export type StepName = 'build' | 'run' | 'compose';

/** What checks may see of the repository being graded. */
export interface RepoContext {
  dir: string;
  /** A file of the repository (at most 1 MiB), or undefined when there is none. */
  readFile(relative: string): string | undefined;
  /** How a step of the exercise's `repo:` section went; undefined when it did not run. */
  step(name: StepName): StepOutcome | undefined;
  /** Why a step did not run (an earlier step failed, or the exercise declares none). */
  skippedBecause(name: StepName): MessageValue;
  /** The first of these files that the repository has. */
  firstExisting(candidates: readonly string[]): string | undefined;
}

const MAX_FILE = 1024 * 1024;

/** Reads only inside the repository: a symlink or ../ pointing out of it reads as no file. */
export function repoFileReader(dir: string): (relative: string) => string | undefined {
  const root = realpathSync(dir);
  return (relative) => {
    try {
      const file = realpathSync(path.join(root, relative));
      if (file !== root && !file.startsWith(root + path.sep)) return undefined;
      if (!statSync(file).isFile() || statSync(file).size > MAX_FILE) return undefined;
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** The first of `candidates` the reader finds (compose.yaml, docker-compose.yml…). */
export function firstExistingWith(readFile: (relative: string) => string | undefined): (candidates: readonly string[]) => string | undefined {
  return (candidates) => candidates.find((c) => readFile(c) !== undefined);
}
