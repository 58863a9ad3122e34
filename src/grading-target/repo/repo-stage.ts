import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartedTestContainer, WaitStrategy } from 'testcontainers';
import { stringify } from 'yaml';
import { AbortedError, type DockerEngine } from '../../docker/engine';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from '../../docker/labels';
import { textTail } from '../../words/text-tail';
import { errorMessage } from '../../errors/setup-error';
import { eitherOf, joined, phrase, type MessageValue } from '../../messages/phrase';
import { parseComposeFile } from '../../repo/compose-file';
import type { StepName, StepOutcome } from '../../repo/repo-context';
import type { RepoSpec } from '../../exercise/exercise';
import { BuildTranscript } from './build-log';
import { lastLines, runCompose, type ComposeCli } from './compose-cli';
import { waitReady, type Readiness } from './readiness';
import { buildLeftovers, composeEnvironment, composeEscapes, emptyDockerConfigDir, engineBefore, SANDBOX_LIMITS, STEP_TIME_LIMIT_MS } from './sandbox';
import { startDeadline, type Deadline } from '../../time/deadline';

/** Label on what grade repo builds and starts from a repository's image: teardown, and a later run's sweep, find it by it. */
export const REPO_RUN_LABEL = 'io.github.grade.repo-run';

/** Compose project names grade repo gives: `grade<run id><exercise>`. */
export const REPO_PROJECT = /^grade[0-9a-f]{8}[a-z0-9]*$/;

const LOG_TAIL = 2_000;

/** The state produced for one exercise, as checks see it. */
export interface StagedState {
  imageAliases: Record<string, string>;
  /** Why the state could not be produced on this machine at all (not the student's doing). */
  cannotGrade?: MessageValue;
  steps: Partial<Record<StepName, StepOutcome>>;
  /** Why each step that did not run did not (phrases: shown in the run's language). */
  skipped: Partial<Record<StepName, MessageValue>>;
  containerScope(labels: Readonly<Record<string, string>>): boolean;
}

export interface StageOptions {
  dir: string;
  spec: RepoSpec;
  /** Short unique id of this grading run: in every tag, name and project it creates. */
  runId: string;
  exerciseId: string;
  engine: DockerEngine;
  /** Host that reaches the engine's published ports, to see the app answer. */
  publishedHost: string;
  composeCli?: ComposeCli;
  /** The grader's environment: only how to reach the engine is passed on to compose. */
  env: NodeJS.ProcessEnv;
  /** The course's variables (--var): the only ones a compose file's ${VAR} sees. */
  vars: Readonly<Record<string, string>>;
  /** Time limit of a build, a compose up, a down (default 10 minutes). */
  stepTimeoutMs?: number;
  /** Ctrl-C: every step stops, and what it started is still removed by `down`. */
  signal?: AbortSignal;
  /** A second Ctrl-C: `down` stops waiting for compose and force-removes by label. */
  hurry?: AbortSignal;
  /** Files of the repository, to find and read the compose file. */
  firstExisting(candidates: readonly string[]): string | undefined;
  readFile(relative: string): string | undefined;
}

// testcontainers is loaded only by grade repo: it costs ~150 ms to require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tc = () => require('testcontainers') as typeof import('testcontainers');

const tail = (text: string) => textTail(text, LOG_TAIL);

/** testcontainers waits on its own terms; readiness is judged afterwards by `waitReady`, which records instead of throwing. */
const STARTED: WaitStrategy = {
  waitUntilReady: async () => undefined,
  withStartupTimeout() {
    return this;
  },
  isStartupTimeoutSet: () => false,
  getStartupTimeout: () => 0,
};

/**
 * Produces an exercise's state from a student repository (build the
 * Dockerfile with the engine's build API, run the image with testcontainers
 * and the slide's ports, bring the compose file up with the machine's
 * compose), records how each step went, and removes all of it again.
 * Everything it creates carries the run id, and `down` removes exactly that.
 * The sandbox rules it applies are in ./sandbox.ts.
 */
export class RepoStage {
  private readonly builtTags: string[] = [];
  private readonly containers: StartedTestContainer[] = [];
  private compose: { project: string; dir: string; files: string[] } | undefined;
  private composeImages: string[] = [];
  /** Images a failed build committed before failing (children first), and step containers it left, as the engine confirmed them. */
  private readonly leftoverLayers: string[] = [];
  private readonly leftoverContainers: string[] = [];
  private readonly scratch = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-stage-'));
  private readonly dockerConfig = emptyDockerConfigDir();

  constructor(private readonly o: StageOptions) {}

  /** The label value on everything the build and run steps create. */
  private get runLabel(): string {
    return `${this.o.runId}-${this.o.exerciseId}`;
  }

  private get project(): string {
    return `grade${this.o.runId}${this.o.exerciseId.replace(/[^a-z0-9]/g, '')}`;
  }

  private get stepTimeoutMs(): number {
    return this.o.stepTimeoutMs ?? STEP_TIME_LIMIT_MS;
  }

  /** A step's limit: its time, or Ctrl-C. */
  private stepDeadline(): Deadline {
    return startDeadline('repository step', this.stepTimeoutMs, this.o.signal);
  }

  private get composeEnv(): NodeJS.ProcessEnv {
    return composeEnvironment(this.o.env, this.o.vars, this.dockerConfig);
  }

  async up(): Promise<StagedState> {
    const { spec } = this.o;
    const steps: StagedState['steps'] = {};
    const skipped: StagedState['skipped'] = {};
    const imageAliases: Record<string, string> = {};

    if (spec.build && this.o.readFile(spec.build.dockerfile) === undefined) {
      // Named by the course but absent: a 0 that says so, not a build error.
      skipped.build = phrase('part.repo.noFile', { file: spec.build.dockerfile });
      if (spec.run) skipped.run = phrase('part.repo.noDockerfileToBuild', { file: spec.build.dockerfile });
    } else if (spec.build) {
      const tag = `grade-repo-${this.o.runId}/${spec.build.image}:latest`;
      steps.build = await this.build(spec.build.dockerfile, tag);
      if (steps.build.ok) imageAliases[spec.build.image] = tag;
      if (spec.run) {
        if (steps.build.ok) steps.run = await this.run(tag, spec.run);
        else skipped.run = phrase('part.repo.didNotBuild', { file: spec.build.dockerfile });
      }
    }
    if (spec.compose) {
      const file = this.o.firstExisting(spec.compose.files);
      if (file) steps.compose = await this.composeUp(file, spec.compose.healthySeconds ?? 60);
      else skipped.compose = phrase('part.repo.noFile', { file: eitherOf(spec.compose.files) });
    }
    for (const name of ['build', 'run', 'compose'] as const) {
      if (!steps[name] && !skipped[name]) skipped[name] = phrase('part.repo.noStep', { step: name });
    }
    const { runLabel, project } = this;
    const limit = Object.values(steps).find((o) => o.environment);
    return {
      imageAliases,
      ...(limit ? { cannotGrade: limit.summary } : {}),
      steps,
      skipped,
      containerScope: (labels) => labels[REPO_RUN_LABEL] === runLabel || labels[COMPOSE_PROJECT_LABEL] === project,
    };
  }

  private async build(dockerfile: string, tag: string): Promise<StepOutcome> {
    const started = Date.now();
    const { engine } = this.o;
    this.builtTags.push(tag);
    const before = await engineBefore(engine);
    const transcript = new BuildTranscript();
    const limit = this.stepDeadline();
    let stopped: MessageValue | undefined;
    try {
      await engine.buildImage(
        this.o.dir,
        { dockerfile, tag, labels: { [REPO_RUN_LABEL]: this.runLabel }, memoryBytes: SANDBOX_LIMITS.memoryBytes, cpus: SANDBOX_LIMITS.cpus },
        (m) => transcript.take(m),
        limit.signal,
      );
    } catch (e) {
      stopped = e instanceof AbortedError ? (this.o.signal?.aborted ? phrase('part.repo.interrupted') : this.overtime()) : errorMessage(e).trim();
    } finally {
      limit.dispose();
    }
    const built = !stopped && !transcript.error ? await engine.inspectImage(tag).catch(() => undefined) : undefined;
    if (!built) {
      const left = await buildLeftovers(engine, transcript, before);
      this.leftoverContainers.push(...left.containers);
      this.leftoverLayers.push(...left.images);
    }
    const durationMs = Date.now() - started;
    const log = tail(transcript.text);
    if (built) return { ok: true, summary: phrase('part.repo.buildOk', { file: dockerfile }), log, durationMs };
    const why = stopped ?? transcript.error?.trim() ?? phrase('part.repo.noImage');
    return { ok: false, summary: phrase('part.repo.buildFailed', { file: dockerfile, why }), ...(log ? { log } : {}), durationMs };
  }

  private async run(tag: string, run: NonNullable<RepoSpec['run']>): Promise<StepOutcome> {
    const started = Date.now();
    const { runLabel } = this;
    const ports = run.ports.map((p) => `${p.host}:${p.container}`).join(' -p ');
    // testcontainers has no setter for a pids limit: its host config is ours to extend.
    class LimitedContainer extends tc().GenericContainer {
      withPidsLimit(pids: number): this {
        this.hostConfig.PidsLimit = pids;
        return this;
      }
    }
    try {
      const container = await new LimitedContainer(tag)
        .withName(`grade-repo-${runLabel}`)
        .withLabels({ [REPO_RUN_LABEL]: runLabel })
        .withExposedPorts(...run.ports.map((p) => ({ container: p.container, host: p.host })))
        .withResourcesQuota({ memory: SANDBOX_LIMITS.memoryBytes / 1024 ** 3, cpu: SANDBOX_LIMITS.cpus })
        .withPidsLimit(SANDBOX_LIMITS.pids)
        .withWaitStrategy(STARTED)
        .start();
      this.containers.push(container);
      const readiness = await waitReady(this.o.engine, container.getId(), this.o.publishedHost, (run.startupSeconds ?? 30) * 1000, this.o.signal);
      const log = await this.logsOf(container.getId());
      const durationMs = Date.now() - started;
      if (!readiness.ready) return { ok: false, summary: phrase('part.repo.runNotReady', { ports, reason: readiness.reason }), log, durationMs };
      return { ok: true, summary: phrase('part.repo.runOk', { ports }), log, durationMs };
    } catch (e) {
      return { ok: false, summary: phrase('part.repo.runFailed', { ports, error: errorMessage(e) }), durationMs: Date.now() - started };
    }
  }

  /**
   * The limits of the sandbox for every service, as an extra compose file.
   * Compose v1 reads `deploy.resources` only with --compatibility, and only in
   * version 3 files; version 2 files take the older service keys.
   */
  private limitsFile(services: string[], version: string | undefined): string {
    const memory = `${SANDBOX_LIMITS.memoryBytes / 1024 ** 2}m`;
    const v2Format = version?.startsWith('2');
    const limits = v2Format
      ? { mem_limit: memory, cpus: SANDBOX_LIMITS.cpus, pids_limit: SANDBOX_LIMITS.pids }
      : {
          deploy: {
            resources: {
              limits: { cpus: String(SANDBOX_LIMITS.cpus), memory, ...(this.o.composeCli === 'plugin' ? { pids: SANDBOX_LIMITS.pids } : {}) },
            },
          },
        };
    const file = path.join(this.scratch, 'grade-limits.yml');
    writeFileSync(file, stringify({ ...(version ? { version } : {}), services: Object.fromEntries(services.map((s) => [s, limits])) }));
    return file;
  }

  private async composeUp(file: string, healthySeconds: number): Promise<StepOutcome> {
    const started = Date.now();
    const dir = path.resolve(this.o.dir, path.dirname(file));
    const base = path.basename(file);
    const project = this.project;
    const text = this.o.readFile(file) ?? '';
    const cmd = `docker-compose -f ${file} up`;
    const refused = (summary: MessageValue): StepOutcome => ({ ok: false, summary, durationMs: Date.now() - started });

    const parsed = parseComposeFile(text);
    if (!parsed.ok) return refused(phrase('part.repo.notCompose', { file, problems: parsed.problems.join('; ') }));
    // A service that builds and names an image the engine already has would re-tag it.
    const present = new Set<string>();
    for (const [, s] of parsed.model.services) {
      if (s.builds && s.image && (await this.o.engine.inspectImage(s.image).catch(() => undefined))) present.add(s.image);
    }
    const escapes = composeEscapes(text, this.o.dir, file, (ref) => present.has(ref));
    if (escapes.length) {
      const each = escapes.map((e) => phrase('part.repo.escape', { line: e.line, path: e.path, why: e.why }));
      return refused(phrase('part.repo.notStarted', { file, escapes: joined(each, '; ') }));
    }

    const services = [...parsed.model.services.keys()];
    const version = /^version:\s*["']?([\d.]+)/m.exec(text)?.[1];
    const limits = this.limitsFile(services, version);
    const cli = this.o.composeCli ?? 'standalone';
    const files = ['-f', base, '-f', limits];
    this.compose = { project, dir, files };
    this.composeImages = [...parsed.model.services].filter(([, s]) => s.builds).flatMap(([name]) => [`${project}_${name}`, `${project}-${name}`]);
    const global = cli === 'standalone' ? ['--compatibility', '-p', project, ...files] : ['-p', project, ...files];

    // A file the Compose Specification accepts but this machine's compose refuses: the machine's limit.
    const config = await runCompose(cli, [...global, 'config', '-q'], { cwd: dir, env: this.composeEnv, timeoutMs: 60_000, ...this.abortable() });
    if (!config.ok && !config.stopped && cli === 'standalone') {
      return {
        ok: false,
        environment: true,
        summary: phrase('part.repo.composeV1', { file, error: lastLines(config, 1) }),
        durationMs: Date.now() - started,
      };
    }

    const upRun = await runCompose(cli, [...global, 'up', '-d', '--build', ...(cli === 'plugin' ? ['--quiet-pull'] : [])], {
      cwd: dir,
      env: this.composeEnv,
      timeoutMs: this.stepTimeoutMs,
      ...this.abortable(),
    });
    if (!upRun.ok) {
      const why =
        upRun.stopped === 'time limit' ? this.overtime() : upRun.stopped === 'interrupted' ? phrase('part.repo.stoppedInterrupted') : lastLines(upRun);
      return { ok: false, summary: phrase('part.repo.composeFailed', { command: cmd, why }), durationMs: Date.now() - started };
    }
    const containers = await this.o.engine.listOwnContainers(COMPOSE_PROJECT_LABEL, project);
    const outcomes = await Promise.all(containers.map((c) => waitReady(this.o.engine, c.Id, this.o.publishedHost, healthySeconds * 1000, this.o.signal)));
    const problems = await this.composeProblems(project, outcomes);
    const log = (await Promise.all(outcomes.filter((r) => !r.ready).map((r) => this.logsOf(r.containerId)))).join('\n');
    const durationMs = Date.now() - started;
    if (problems.length)
      return {
        ok: false,
        summary: phrase('part.repo.composeProblems', { command: cmd, problems: joined(problems, '; ') }),
        ...(log ? { log } : {}),
        durationMs,
      };
    return { ok: true, summary: phrase(outcomes.length ? 'part.repo.composeOkAnswering' : 'part.repo.composeOk', { command: cmd }), durationMs };
  }

  /** Why a step stopped at its time limit. */
  private overtime(): MessageValue {
    return phrase('part.repo.timeLimit', { seconds: Math.round(this.stepTimeoutMs / 1000) });
  }

  private abortable(): { signal?: AbortSignal } {
    return this.o.signal ? { signal: this.o.signal } : {};
  }

  /** Services that exited, or never got healthy / answering, named by service. */
  private async composeProblems(project: string, outcomes: readonly Readiness[]): Promise<MessageValue[]> {
    const containers = await this.o.engine.listOwnContainers(COMPOSE_PROJECT_LABEL, project);
    const problems: MessageValue[] = [];
    for (const c of containers) {
      const service = c.Labels?.[COMPOSE_SERVICE_LABEL] ?? c.Names[0];
      const outcome = outcomes.find((r) => r.containerId === c.Id);
      if (c.State !== 'running') problems.push(phrase('part.repo.serviceState', { service, state: c.State, status: c.Status }));
      else if (outcome && !outcome.ready) problems.push(phrase('part.repo.serviceNotReady', { service, reason: outcome.reason }));
    }
    if (!containers.length) problems.push(phrase('part.repo.noContainer'));
    return problems;
  }

  private async logsOf(id: string): Promise<string> {
    try {
      const logs = await this.o.engine.containerLogs(id, 30);
      return tail(`${logs.stdout}${logs.stderr}`.trim());
    } catch {
      return '';
    }
  }

  /** Removes everything `up` created, whatever happened (Ctrl-C included); returns what could not be removed. */
  async down(): Promise<string[]> {
    const problems: string[] = [];
    const attempt = async (what: string, run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (e) {
        problems.push(`${what}: ${errorMessage(e)}`);
      }
    };
    for (const c of this.containers) await attempt(`container ${c.getName()}`, () => this.o.engine.removeOwnContainer(c.getId()));
    // Also what a failed start left behind (created, never started).
    for (const c of await this.o.engine.listOwnContainers(REPO_RUN_LABEL, this.runLabel).catch(() => [])) {
      await attempt(`container ${c.Names[0]}`, () => this.o.engine.removeOwnContainer(c.Id));
    }
    if (this.compose) {
      const { project, dir, files } = this.compose;
      const cli = this.o.composeCli ?? 'standalone';
      // Not stopped by the first Ctrl-C (the stack must go); a second one stops the waiting,
      // and the containers go by label below. Its own time limit bounds it.
      const composeDown = () =>
        runCompose(cli, ['-p', project, ...files, 'down', '-v', '--remove-orphans', '-t', '1'], {
          cwd: dir,
          env: this.composeEnv,
          timeoutMs: Math.min(this.stepTimeoutMs, 120_000),
          ...(this.o.hurry ? { signal: this.o.hurry } : {}),
        });
      // What down could not remove (a service stuck in its build) goes by label.
      // Only the last sweep's failures are problems: one that failed while the
      // engine was still busy with the container may succeed the second time.
      const sweep = async () => {
        const left = await this.o.engine.listOwnContainers(COMPOSE_PROJECT_LABEL, project).catch(() => []);
        const failures: string[] = [];
        for (const c of left) {
          try {
            await this.o.engine.removeOwnContainer(c.Id);
          } catch (e) {
            failures.push(`container ${c.Names[0]}: ${errorMessage(e)}`);
          }
        }
        return { left: left.length, failures };
      };
      let downRun = await composeDown();
      let swept = await sweep();
      // A Ctrl-C during up kills compose, but a container create it had sent still
      // completes in the engine, after down listed the project: that container
      // keeps the networks and volumes in use, so down leaves them. Once it is
      // swept, a second down removes them.
      if (swept.left > 0 || !downRun.ok) {
        if (!this.o.hurry?.aborted) downRun = await composeDown();
        swept = await sweep();
      }
      problems.push(...swept.failures);
      if (!downRun.ok) problems.push(`compose project ${project}: ${downRun.stopped ?? lastLines(downRun)}`);
    }
    for (const id of this.leftoverContainers) await attempt(`build container ${id.slice(0, 12)}`, () => this.o.engine.removeOwnContainer(id));
    for (const tag of [...this.builtTags, ...this.composeImages]) await attempt(`image ${tag}`, () => this.o.engine.removeOwnImage(tag));
    for (const id of this.leftoverLayers) await attempt(`image ${id.slice(7, 19)}`, () => this.o.engine.removeOwnImage(id, { force: false }));
    rmSync(this.scratch, { recursive: true, force: true });
    rmSync(this.dockerConfig, { recursive: true, force: true });
    return problems;
  }
}
