import path from 'node:path';
import type { ComposeCli } from './compose-cli';
import { firstExistingWith, repoFileReader, type RepoContext } from '../../repo/repo-context';
import { SetupError } from '../../errors/setup-error';
import { phrase } from '../../messages/phrase';
import { RepoStage } from './repo-stage';
import type { Exercise } from '../../exercise/exercise';
import { LocalTarget } from '../local/local-target';
import type { OpenTarget, Target } from '../target';

export interface RepoTargetOptions {
  /** Engine to build and run on, like docker -H (default: as grade chooses it, see resolveConnection). */
  hostFlag?: string;
  env?: NodeJS.ProcessEnv;
  /** Unique per grading run: in every tag, container name and compose project created. */
  runId: string;
  composeCli?: ComposeCli;
  /** The course's variables: what a compose file's ${VAR} may see. */
  vars?: Readonly<Record<string, string>>;
  /** Time limit of each step (build, compose up, down). */
  stepTimeoutMs?: number;
  /** Ctrl-C: the steps stop; closing the target still removes what they started. */
  signal?: AbortSignal;
  /** A second Ctrl-C: cleanup stops waiting for compose and force-removes by label. */
  hurry?: AbortSignal;
}

/**
 * testcontainers reads its settings from the environment when it first
 * connects. Ryuk (its reaper container) cannot be pulled offline and is not
 * needed: the stage removes what it created itself. On a local socket the
 * published ports are on localhost; without the override testcontainers would
 * pull an image to find the gateway.
 */
function configureTestcontainers(endpoint: string, env: NodeJS.ProcessEnv): void {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= env.TESTCONTAINERS_RYUK_DISABLED ?? 'true';
  if (endpoint.startsWith('unix://')) process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
  process.env.DOCKER_HOST = endpoint;
  // No credentials lent: testcontainers would send these with any pull it makes for a student's image.
  delete process.env.DOCKER_AUTH_CONFIG;
}

/**
 * A student repository as a grading target: opening it produces one
 * exercise's state (build, run, compose) on the engine; the checks then see
 * that state only — images by the slide's names, only the containers the stage
 * started — and closing it removes everything again.
 */
export class RepoTarget implements Target {
  readonly kind = 'repo' as const;
  /** The engine it builds and runs on, opened as `grade` opens a local engine. */
  private readonly local: LocalTarget;

  constructor(
    private readonly dir: string,
    private readonly exercise: Exercise,
    private readonly options: RepoTargetOptions,
  ) {
    this.local = new LocalTarget(options.hostFlag, options.env ?? process.env);
  }

  get endpoint(): string {
    return path.resolve(this.dir);
  }

  async open(): Promise<OpenTarget> {
    const local = await this.local.open();
    const { engine } = local;
    configureTestcontainers(local.endpoint, this.options.env ?? process.env);
    const readFile = repoFileReader(this.dir);
    const firstExisting = firstExistingWith(readFile);
    const stage = new RepoStage({
      dir: this.dir,
      spec: this.exercise.repo!,
      runId: this.options.runId,
      exerciseId: this.exercise.id,
      engine,
      publishedHost: local.http.host,
      env: { ...(this.options.env ?? process.env), DOCKER_HOST: local.endpoint },
      vars: this.options.vars ?? {},
      ...(this.options.stepTimeoutMs ? { stepTimeoutMs: this.options.stepTimeoutMs } : {}),
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...(this.options.hurry ? { hurry: this.options.hurry } : {}),
      ...(this.options.composeCli ? { composeCli: this.options.composeCli } : {}),
      firstExisting,
      readFile,
    });
    let state;
    try {
      state = await stage.up();
    } catch (e) {
      await stage.down();
      await local.close();
      throw e;
    }
    const repo: RepoContext = {
      dir: this.endpoint,
      readFile,
      firstExisting,
      step: (name) => state.steps[name],
      skippedBecause: (name) => state.skipped[name] ?? phrase('part.repo.didNotRun'),
    };
    return {
      ...local,
      kind: this.kind,
      endpoint: this.endpoint,
      staged: {
        imageAliases: state.imageAliases,
        stagedAt: Date.now(),
        ...(state.cannotGrade ? { cannotGradeState: state.cannotGrade } : {}),
        containerScope: state.containerScope,
        repo,
      },
      close: async () => {
        await local.close();
        const left = await stage.down();
        if (left.length) throw new SetupError(phrase('repo.leftBehind', { left: left.join('; ') }));
      },
    };
  }
}
