import type { DockerEngine, EngineInfo } from '../docker/engine';
import type { HttpClient } from '../http/http-client';
import type { RepoContext } from '../repo/repo-context';
import type { TargetKind } from '../result/types';
import type { MessageValue } from '../messages/phrase';

export type { TargetKind };

/**
 * Where grading happens. Check kinds see only the engine and HTTP client of an
 * open target, never the target itself, so a new target (SSH, repository)
 * needs no change in any kind.
 */
export interface Target {
  readonly kind: TargetKind;
  /** As shown in reports: `unix:///var/run/docker.sock`, `ssh://centos@devops3`. */
  readonly endpoint: string;
  /** Connects; throws SetupError with advice when the engine cannot be used. */
  open(): Promise<OpenTarget>;
}

export interface OpenTarget {
  readonly kind: TargetKind;
  readonly endpoint: string;
  readonly engine: DockerEngine;
  readonly http: HttpClient;
  readonly info: EngineInfo;
  /** Image names as exercises write them → the images to use instead (a repository's build under a unique tag). */
  readonly imageAliases?: Readonly<Record<string, string>>;
  /** Which containers are the graded state (a repository target: only those it started). */
  readonly containerScope?: (labels: Readonly<Record<string, string>>) => boolean;
  /** When this target brought the graded state up itself (a repository target): checks treat it as starting. */
  readonly stagedAt?: number;
  /**
   * Why the graded state could not be produced on this engine (grade repo on a
   * machine without Compose v2 for a file that needs it): checks of that state
   * are `error`, never `fail`.
   */
  readonly cannotGradeState?: MessageValue;
  /** The repository being graded, for a repository target. */
  readonly repo?: RepoContext;
  close(): Promise<void>;
}
