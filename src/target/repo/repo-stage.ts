import { execFile } from 'node:child_process';
import path from 'node:path';
import type { StartedDockerComposeEnvironment, StartedTestContainer } from 'testcontainers';
import type { DockerEngine } from '../../docker/engine';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from '../../docker/labels';
import { errorMessage } from '../../errors';
import type { RepoSpec } from '../../spec/exercise';
import { withBuildTranscript } from './build-log';
import type { ComposeCli } from './compose-cli';
import { parseComposeFile } from '../../repo/compose-file';
import { RecordingWait, type Readiness, type WaitedContainer } from './recording-wait';
import type { StepName, StepOutcome } from '../../repo/repo-context';

/** Label on the containers grade repo starts from a repository's image: teardown finds them by it. */
export const REPO_RUN_LABEL = 'io.github.grade.repo-run';

const LOG_TAIL = 2_000;

/** The state produced for one exercise, as checks see it. */
export interface StagedState {
  imageAliases: Record<string, string>;
  steps: Partial<Record<StepName, StepOutcome>>;
  skipped: Partial<Record<StepName, string>>;
  containerScope(labels: Readonly<Record<string, string>>): boolean;
}

export interface StageOptions {
  dir: string;
  spec: RepoSpec;
  /** Short unique id of this grading run: in every tag, name and project it creates. */
  runId: string;
  exerciseId: string;
  engine: DockerEngine;
  composeCli?: ComposeCli;
  /** Files of the repository, to find and read the compose file. */
  firstExisting(candidates: readonly string[]): string | undefined;
  readFile(relative: string): string | undefined;
}

// testcontainers is loaded only by grade repo: it costs ~150 ms to require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tc = () => require('testcontainers') as typeof import('testcontainers');

const tail = (text: string) => (text.length > LOG_TAIL ? `…${text.slice(-LOG_TAIL)}` : text);

/**
 * Produces an exercise's state from a student repository with testcontainers
 * (build the Dockerfile, run the image with the slide's ports, bring the
 * compose file up), records how each step went, and removes all of it again.
 * Everything it creates carries the run id, and `down` removes exactly that.
 */
export class RepoStage {
  private readonly builtTags: string[] = [];
  private readonly containers: StartedTestContainer[] = [];
  private compose: { env?: StartedDockerComposeEnvironment; project: string; dir: string; file: string } | undefined;
  private composeImages: string[] = [];
  /** Images a failed build committed before failing, children first, and the container of its failed step. */
  private readonly leftoverLayers: string[] = [];
  private readonly leftoverContainers: string[] = [];

  constructor(private readonly o: StageOptions) {}

  /** The label value on the container the run step starts. */
  private get runLabel(): string {
    return `${this.o.runId}-${this.o.exerciseId}`;
  }

  private get project(): string {
    return `grade${this.o.runId}${this.o.exerciseId.replace(/[^a-z0-9]/g, '')}`;
  }

  async up(): Promise<StagedState> {
    const { spec } = this.o;
    const steps: StagedState['steps'] = {};
    const skipped: StagedState['skipped'] = {};
    const imageAliases: Record<string, string> = {};

    if (spec.build) {
      const tag = `grade-repo-${this.o.runId}/${spec.build.image}:latest`;
      steps.build = await this.build(spec.build.dockerfile, tag);
      if (steps.build.ok) imageAliases[spec.build.image] = tag;
      if (spec.run) {
        if (steps.build.ok) steps.run = await this.run(tag, spec.run);
        else skipped.run = `${spec.build.dockerfile} did not build`;
      }
    }
    if (spec.compose) {
      const file = this.o.firstExisting(spec.compose.files);
      if (file) steps.compose = await this.composeUp(file, spec.compose.healthySeconds ?? 60);
      else skipped.compose = `the repository has none of ${spec.compose.files.join(', ')}`;
    }
    for (const name of ['build', 'run', 'compose'] as const) {
      if (!steps[name] && !skipped[name]) skipped[name] = `the exercise has no ${name} step in repo mode`;
    }
    const { runLabel, project } = this;
    return {
      imageAliases,
      steps,
      skipped,
      containerScope: (labels) => labels[REPO_RUN_LABEL] === runLabel || labels[COMPOSE_PROJECT_LABEL] === project,
    };
  }

  private async build(dockerfile: string, tag: string): Promise<StepOutcome> {
    const started = Date.now();
    this.builtTags.push(tag);
    const { thrown, transcript } = await withBuildTranscript(tag, () =>
      tc().GenericContainer.fromDockerfile(this.o.dir, dockerfile).build(tag, { deleteOnExit: false }),
    );
    const built = thrown === undefined && !transcript.error ? await this.o.engine.inspectImage(tag).catch(() => undefined) : undefined;
    const durationMs = Date.now() - started;
    const log = tail(transcript.text);
    if (!built) {
      this.leftoverContainers.push(...transcript.failedStepContainers);
      this.leftoverLayers.push(...transcript.createdImages.reverse());
    }
    if (built) return { ok: true, summary: `docker build -f ${dockerfile} . succeeded`, log, durationMs };
    // The engine's own words when it gave them; testcontainers' otherwise.
    const why = transcript.error ?? (thrown !== undefined ? errorMessage(thrown) : 'no image was produced');
    return { ok: false, summary: `docker build -f ${dockerfile} . failed: ${why.trim()}`, ...(log ? { log } : {}), durationMs };
  }

  private async run(tag: string, run: NonNullable<RepoSpec['run']>): Promise<StepOutcome> {
    const started = Date.now();
    const { runLabel } = this;
    const { GenericContainer, Wait } = tc();
    const wait = new RecordingWait(async () => Wait.forListeningPorts());
    const ports = run.ports.map((p) => `${p.host}:${p.container}`).join(' -p ');
    try {
      const container = await new GenericContainer(tag)
        .withName(`grade-repo-${runLabel}`)
        .withLabels({ [REPO_RUN_LABEL]: runLabel })
        .withExposedPorts(...run.ports.map((p) => ({ container: p.container, host: p.host })))
        .withWaitStrategy(wait)
        .withStartupTimeout((run.startupSeconds ?? 30) * 1000)
        .start();
      this.containers.push(container);
      const failed = wait.outcomes.find((r) => !r.ready);
      const log = await this.logsOf(container.getId());
      const durationMs = Date.now() - started;
      if (failed) return { ok: false, summary: `docker run -p ${ports}: the container did not listen in time (${failed.reason})`, log, durationMs };
      return { ok: true, summary: `docker run -p ${ports} started and listens`, log, durationMs };
    } catch (e) {
      return { ok: false, summary: `docker run -p ${ports} failed: ${errorMessage(e)}`, durationMs: Date.now() - started };
    }
  }

  private async composeUp(file: string, healthySeconds: number): Promise<StepOutcome> {
    const started = Date.now();
    const { DockerComposeEnvironment, Wait } = tc();
    const dir = path.resolve(this.o.dir, path.dirname(file));
    const base = path.basename(file);
    const project = this.project;
    this.compose = { project, dir, file: base };
    // Images compose builds are named after the project: remembered for removal.
    const parsed = parseComposeFile(this.o.readFile(file) ?? '');
    if (parsed.ok)
      this.composeImages = [...parsed.model.services].filter(([, s]) => s.builds).flatMap(([name]) => [`${project}_${name}`, `${project}-${name}`]);
    // A service with a health check must become healthy; one without must listen on its published ports.
    const wait = new RecordingWait(async (c: WaitedContainer) => {
      const info = (await c.inspect()) as { Config?: { Healthcheck?: { Test?: string[] } } };
      const test = info.Config?.Healthcheck?.Test;
      return test && test[0] !== 'NONE' ? Wait.forHealthCheck() : Wait.forListeningPorts();
    });
    const cmd = `docker-compose -f ${file} up`;
    try {
      let env = new DockerComposeEnvironment(dir, base)
        .withProjectName(project)
        .withBuild()
        .withDefaultWaitStrategy(wait)
        .withStartupTimeout(healthySeconds * 1000);
      if (this.o.composeCli === 'standalone') env = env.withClientOptions({ executable: { standalone: true } });
      this.compose.env = await env.up();
    } catch (e) {
      return { ok: false, summary: `${cmd} failed: ${errorMessage(e).split('\n').filter(Boolean).slice(-3).join(' ')}`, durationMs: Date.now() - started };
    }
    const problems = await this.composeProblems(project, wait.outcomes);
    const log = (await Promise.all(wait.outcomes.filter((r) => !r.ready).map((r) => this.logsOf(r.containerId)))).join('\n');
    const durationMs = Date.now() - started;
    if (problems.length) return { ok: false, summary: `${cmd}: ${problems.join('; ')}`, ...(log ? { log } : {}), durationMs };
    return { ok: true, summary: `${cmd} brought the stack up: every service running${wait.outcomes.length ? ', healthy or listening' : ''}`, durationMs };
  }

  /** Services that exited, or never got healthy / listening, named by service. */
  private async composeProblems(project: string, outcomes: readonly Readiness[]): Promise<string[]> {
    const containers = await this.o.engine.listOwnContainers(COMPOSE_PROJECT_LABEL, project);
    const problems: string[] = [];
    for (const c of containers) {
      const service = c.Labels?.[COMPOSE_SERVICE_LABEL] ?? c.Names[0];
      const outcome = outcomes.find((r) => r.containerId === c.Id);
      if (c.State !== 'running') problems.push(`service ${service} is ${c.State} (${c.Status})`);
      else if (outcome && !outcome.ready) problems.push(`service ${service} did not become ready: ${outcome.reason}`);
    }
    if (!containers.length) problems.push('no container was started');
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

  /** Removes everything `up` created, whatever happened; returns what could not be removed. */
  async down(): Promise<string[]> {
    const problems: string[] = [];
    const attempt = async (what: string, run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (e) {
        problems.push(`${what}: ${errorMessage(e)}`);
      }
    };
    for (const c of this.containers) await attempt(`container ${c.getName()}`, () => c.stop({ remove: true, removeVolumes: true, timeout: 0 }));
    // Also what a failed start left behind (created, never started).
    for (const c of await this.o.engine.listOwnContainers(REPO_RUN_LABEL, this.runLabel).catch(() => [])) {
      await attempt(`container ${c.Names[0]}`, () => this.o.engine.removeOwnContainer(c.Id));
    }
    if (this.compose) {
      const { env, project, dir, file } = this.compose;
      // testcontainers passes the timeout only when it is not 0: one second, not compose's ten.
      if (env) await attempt(`compose project ${project}`, () => env.down({ removeVolumes: true, timeout: 1000 }));
      else await attempt(`compose project ${project}`, () => composeDownAgain(project, dir, file, this.o.composeCli));
    }
    for (const id of this.leftoverContainers) await attempt(`build container ${id}`, () => this.o.engine.removeOwnContainer(id));
    for (const tag of [...this.builtTags, ...this.composeImages]) await attempt(`image ${tag}`, () => this.o.engine.removeOwnImage(tag));
    for (const id of this.leftoverLayers) await attempt(`image ${id}`, () => this.o.engine.removeOwnImage(id, { force: false }));
    return problems;
  }
}

/** `down -v` by project name: what testcontainers leaves when `up` itself failed half-way. */
async function composeDownAgain(project: string, dir: string, file: string, cli: ComposeCli | undefined): Promise<void> {
  const [cmd, args] = cli === 'plugin' ? ['docker', ['compose']] : ['docker-compose', []];
  await new Promise<void>((resolve, reject) =>
    execFile(cmd, [...args, '-p', project, '-f', file, 'down', '-v', '--remove-orphans', '-t', '0'], { cwd: dir, timeout: 60_000 }, (err, _o, stderr) =>
      err ? reject(new Error(stderr.trim().split('\n').pop() || err.message)) : resolve(),
    ),
  );
}
