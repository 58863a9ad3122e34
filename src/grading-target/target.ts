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

/**
 * A state a target produced itself before grading (grade repo builds, runs
 * and composes what a repository holds): what the checks see differently
 * there. The runner passes it on whole; only the target knows how it was made.
 */
export interface StagedState {
  /** Image names as exercises write them → the images to use instead (the repository's build under a unique tag). */
  readonly imageAliases: Readonly<Record<string, string>>;
  /** Which containers are the graded state: only those the target started. */
  readonly containerScope: (labels: Readonly<Record<string, string>>) => boolean;
  /** When the state was brought up: checks treat it as starting. */
  readonly stagedAt: number;
  /** The repository being graded. */
  readonly repo: RepoContext;
  /**
   * Why the graded state could not be produced on this engine (a compose file
   * that needs Compose v2 on a machine without it): checks of that state are
   * `error`, never `fail`.
   */
  readonly cannotGradeState?: MessageValue;
}

export interface OpenTarget {
  readonly kind: TargetKind;
  readonly endpoint: string;
  readonly engine: DockerEngine;
  readonly http: HttpClient;
  readonly info: EngineInfo;
  /** The state this target brought up itself (a repository target); none when it grades what is there. */
  readonly staged?: StagedState;
  close(): Promise<void>;
}
