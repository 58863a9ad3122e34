import { phrase } from '../messages/phrase';
import type Docker from 'dockerode';
import Dockerode from './dockerode';
import createDebug from 'debug';
import { EngineUnavailableError } from '../errors/setup-error';
import type { EngineConnection } from './connection';
import { packBuildContext } from './build-context';
import { demuxLogFrames } from './log-frames';
import { finished } from 'node:stream';
import { startDeadline } from '../time/deadline';

const debug = createDebug('grade:docker');

export type ImageInfo = Docker.ImageInspectInfo;
export type ContainerSummary = Docker.ContainerInfo;
export type ContainerDetails = Docker.ContainerInspectInfo;
export type NetworkDetails = Docker.NetworkInspectInfo;
export type VolumeDetails = Docker.VolumeInspectInfo;
export type ContainerStats = Docker.ContainerStats;
export type ContainerCreateOptions = Docker.ContainerCreateOptions;

/** One row of `docker history` (the engine's `/images/{name}/history`). */
export interface ImageHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export interface ContainerProcessList {
  Titles: string[];
  Processes: string[][];
}

/** One entry of the engine's event stream (`docker events`). */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
}

/** One message of the engine's build stream (what `docker build` prints, and how it ended). */
export interface BuildMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  /** The built image's id, sent once at the end of a successful build. */
  aux?: { ID?: string };
}

export interface BuildRequest {
  dockerfile: string;
  tag: string;
  labels: Record<string, string>;
  /** Limits of every build step's container (the legacy builder runs RUN steps in containers). */
  memoryBytes: number;
  /** CPUs, as docker run --cpus reads them. */
  cpus: number;
}

export interface EngineInfo {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

/** A Docker call that failed while grading; the runner reports it as `error`. */
export class EngineCallError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'EngineCallError';
  }
}

export class AbortedError extends Error {
  constructor() {
    super('grading was interrupted');
    this.name = 'AbortedError';
  }
}

interface DockerodeError {
  statusCode?: number;
  code?: string;
  name?: string;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
}

function engineMessage(err: DockerodeError): string {
  return err.json?.message || err.reason || err.message || String(err);
}

const DEFAULT_CALL_TIMEOUT_MS = 10_000;

const isStream = (x: unknown): x is NodeJS.ReadableStream =>
  typeof x === 'object' && x !== null && typeof (x as { pipe?: unknown }).pipe === 'function' && typeof (x as { on?: unknown }).on === 'function';

/** dockerode takes `abortSignal` on every call, but its typings omit the options argument on some. */
function withSignal<R>(method: (...args: never[]) => unknown, self: object, abortSignal: AbortSignal): Promise<R> {
  return (method as unknown as (this: object, opts: object) => Promise<R>).call(self, { abortSignal });
}

/**
 * The only door to dockerode. Every call is bounded by a timeout and by the
 * run's abort signal, and engine failures become messages a person can act on.
 */
export class DockerEngine {
  private readonly docker: Docker;

  constructor(
    readonly connection: EngineConnection,
    private readonly callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS,
  ) {
    this.docker = new Dockerode(connection.options);
  }

  get endpoint(): string {
    return this.connection.endpoint;
  }

  /**
   * Checks that the engine answers; the one place that turns "no engine" and
   * "no permission on the socket" into a setup error (exit 2) with advice.
   */
  async connect(timeoutMs = 5_000): Promise<EngineInfo> {
    const where = this.connection.endpoint;
    const limit = startDeadline('engine connection', timeoutMs);
    try {
      await withSignal(this.docker.ping, this.docker, limit.signal);
      const v = await withSignal<Docker.DockerVersion>(this.docker.version, this.docker, limit.signal);
      debug('connected to %s: Docker %s (API %s)', where, v.Version, v.ApiVersion);
      return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
    } catch (e) {
      const err = e as DockerodeError;
      const code = err.code ?? '';
      if (code === 'EACCES' || code === 'EPERM') {
        throw new EngineUnavailableError(phrase('error.engineDenied', { where }), phrase('error.engineDeniedAdvice'));
      }
      if (code === 'ENOENT' || code === 'ECONNREFUSED') {
        throw new EngineUnavailableError(phrase('error.engineNone', { where }), phrase('error.engineNoneAdvice'));
      }
      if (err.name === 'AbortError' || code === 'ABORT_ERR' || err.name === 'TimeoutError') {
        throw new EngineUnavailableError(phrase('error.engineSlow', { where, seconds: timeoutMs / 1000 }), phrase('error.engineSlowAdvice'));
      }
      if (code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'ECONNRESET') {
        throw new EngineUnavailableError(phrase('error.engineUnreachable', { where, code }), phrase('error.engineUnreachableAdvice'));
      }
      throw new EngineUnavailableError(phrase('error.engineRefused', { where, why: engineMessage(err) }), phrase('error.engineRefusedAdvice'));
    } finally {
      limit.dispose();
    }
  }

  private async call<T>(what: string, run: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal, timeoutMs = this.callTimeoutMs): Promise<T> {
    if (signal?.aborted) throw new AbortedError();
    const limit = startDeadline(`engine call (${what})`, timeoutMs, signal);
    const started = Date.now();
    let held = false;
    // Not every dockerode method passes its abortSignal on (image inspect does not): the limit ends the wait regardless.
    const stopped = new Promise<never>((_, reject) => {
      const stop = () => reject(limit.signal.reason);
      if (limit.signal.aborted) stop();
      else limit.signal.addEventListener('abort', stop, { once: true });
    });
    stopped.catch(() => undefined);
    try {
      const result = await Promise.race([run(limit.signal), stopped]);
      debug('%s (%d ms)', what, Date.now() - started);
      // A stream answer (an archive) is read after this returns: its limit lasts until the stream ends.
      if (isStream(result)) {
        held = true;
        finished(result, () => limit.dispose());
      }
      return result;
    } catch (e) {
      const err = e as DockerodeError;
      debug('%s failed: %s', what, engineMessage(err));
      if (signal?.aborted) throw new AbortedError();
      if (limit.expired) throw new EngineCallError(`the Docker engine did not answer within ${timeoutMs / 1000} s (${what})`);
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') {
        throw new EngineCallError(`lost the Docker engine at ${this.endpoint} (${what})`);
      }
      throw new EngineCallError(`${what}: ${engineMessage(err)}`, err.statusCode);
    } finally {
      if (!held) limit.dispose();
    }
  }

  /**
   * A GET on the engine API with the abort signal on the request itself:
   * dockerode's image and network inspect and image history do not pass it on,
   * so their requests outlived the limit and kept grade from exiting.
   */
  private getJson<T>(path: string, signal: AbortSignal, notFound: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.docker.modem.dial(
        { path, method: 'GET', abortSignal: signal, statusCodes: { 200: true, 404: notFound, 500: 'server error' } },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
      );
    });
  }

  private async orUndefinedOn404<T>(p: Promise<T>): Promise<T | undefined> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof EngineCallError && e.statusCode === 404) return undefined;
      throw e;
    }
  }

  inspectImage(ref: string, signal?: AbortSignal): Promise<ImageInfo | undefined> {
    return this.orUndefinedOn404(
      this.call(`inspect image ${ref}`, (s) => this.getJson<ImageInfo>(`/images/${encodeURIComponent(ref)}/json`, s, 'no such image'), signal),
    );
  }

  imageHistory(ref: string, signal?: AbortSignal): Promise<ImageHistoryEntry[] | undefined> {
    // dockerode's history() takes no abort signal; dial the endpoint directly.
    return this.orUndefinedOn404(
      this.call(`history of image ${ref}`, (s) => this.getJson<ImageHistoryEntry[]>(`/images/${encodeURIComponent(ref)}/history`, s, 'no such image'), signal),
    );
  }

  /** Every image id on the engine, intermediate layers included (what a build may add to). */
  async listImageIds(signal?: AbortSignal): Promise<Set<string>> {
    const images = await this.call('list images', (s) => this.docker.listImages({ all: true, abortSignal: s }), signal);
    return new Set(images.map((i) => i.Id));
  }

  listContainers(signal?: AbortSignal, filters?: Record<string, string[]>): Promise<ContainerSummary[]> {
    return this.call(
      'list containers',
      (s) => this.docker.listContainers({ all: true, abortSignal: s, ...(filters ? { filters: JSON.stringify(filters) } : {}) }),
      signal,
    );
  }

  inspectContainer(id: string, signal?: AbortSignal): Promise<ContainerDetails | undefined> {
    return this.orUndefinedOn404(this.call(`inspect container ${id.slice(0, 12)}`, (s) => this.docker.getContainer(id).inspect({ abortSignal: s }), signal));
  }

  containerStats(id: string, signal?: AbortSignal): Promise<ContainerStats> {
    return this.call(
      `stats of container ${id.slice(0, 12)}`,
      (s) => this.docker.getContainer(id).stats({ stream: false, 'one-shot': true, abortSignal: s } as { stream: false }),
      signal,
    );
  }

  /** Two samples a second apart, for a CPU usage delta. */
  containerStatsSampled(id: string, signal?: AbortSignal): Promise<ContainerStats> {
    return this.call(
      `stats of container ${id.slice(0, 12)}`,
      (s) => this.docker.getContainer(id).stats({ stream: false, abortSignal: s } as { stream: false }),
      signal,
      this.callTimeoutMs + 3_000,
    );
  }

  containerTop(id: string, signal?: AbortSignal): Promise<ContainerProcessList> {
    return this.call(
      `processes of container ${id.slice(0, 12)}`,
      (s) => this.docker.getContainer(id).top({ abortSignal: s }) as Promise<ContainerProcessList>,
      signal,
    );
  }

  /** The last `tail` lines of a container's logs with timestamps, capped in bytes. */
  async containerLogs(id: string, tail: number, signal?: AbortSignal): Promise<{ stdout: string; stderr: string; truncated: boolean }> {
    const buf = await this.call(
      `logs of container ${id.slice(0, 12)}`,
      (s) => this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, tail, timestamps: true, abortSignal: s }) as Promise<Buffer>,
      signal,
    );
    return demuxLogFrames(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf)));
  }

  /** The engine host's clock (`docker info` SystemTime): log timestamps are on that clock, not ours. */
  async systemTime(signal?: AbortSignal): Promise<Date> {
    const info = await this.call('engine info', (s) => withSignal<{ SystemTime: string }>(this.docker.info, this.docker, s), signal);
    return new Date(info.SystemTime);
  }

  listNetworks(signal?: AbortSignal): Promise<NetworkDetails[]> {
    return this.call('list networks', (s) => this.docker.listNetworks({ abortSignal: s }), signal);
  }

  inspectNetwork(id: string, signal?: AbortSignal): Promise<NetworkDetails | undefined> {
    return this.orUndefinedOn404(
      this.call(`inspect network ${id.slice(0, 12)}`, (s) => this.getJson<NetworkDetails>(`/networks/${encodeURIComponent(id)}`, s, 'no such network'), signal),
    );
  }

  async listVolumes(signal?: AbortSignal): Promise<VolumeDetails[]> {
    const res = await this.call('list volumes', (s) => this.docker.listVolumes({ abortSignal: s }), signal);
    return res.Volumes ?? [];
  }

  /**
   * The engine's event stream for these object types, until `signal` aborts.
   * Long-lived by nature: only the connection is bounded in time, not the stream.
   */
  async *events(types: string[], signal: AbortSignal): AsyncGenerator<EngineEvent> {
    // Not through call(): its timeout would end the stream, which is meant to last.
    let stream: NodeJS.ReadableStream & { destroy?: () => void };
    try {
      stream = (await this.docker.getEvents({ filters: JSON.stringify({ type: types }), abortSignal: signal } as {})) as typeof stream;
    } catch (e) {
      if (signal.aborted) return;
      throw new EngineCallError(`cannot follow the engine's events: ${engineMessage(e as DockerodeError)}`);
    }
    signal.addEventListener('abort', () => stream.destroy?.(), { once: true });
    let buffered = '';
    try {
      for await (const chunk of stream) {
        buffered += chunk.toString();
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (line) yield JSON.parse(line) as EngineEvent;
        }
      }
    } catch (e) {
      if (!signal.aborted) throw new EngineCallError(`lost the engine's event stream: ${(e as Error).message}`);
    }
  }

  // Probe primitives: used by ProbeRunner only, which labels and limits what it creates.

  async createContainer(options: ContainerCreateOptions, signal?: AbortSignal): Promise<string> {
    const c = await this.call(`create probe container from ${options.Image}`, (s) => this.docker.createContainer({ ...options, abortSignal: s }), signal);
    return c.id;
  }

  /** A path of a created (never started) probe as `docker cp` gives it: a tar stream; undefined when the path is not there. */
  archiveOf(id: string, path: string, signal?: AbortSignal): Promise<NodeJS.ReadableStream | undefined> {
    return this.orUndefinedOn404(
      this.call(
        `read ${path} of probe ${id.slice(0, 12)}`,
        (s) => this.docker.getContainer(id).getArchive({ path, abortSignal: s } as { path: string }) as Promise<NodeJS.ReadableStream>,
        signal,
      ),
    );
  }

  startContainer(id: string, signal?: AbortSignal): Promise<void> {
    return this.call(`start probe ${id.slice(0, 12)}`, (s) => this.docker.getContainer(id).start({ abortSignal: s }), signal);
  }

  /**
   * Registers a wait for a probe's removal (it has AutoRemove) and resolves once
   * the engine has answered the request's headers: from then on the wait is in
   * place, so the probe can be started. `done` gives its exit status.
   */
  async waitRemoval(id: string, timeoutMs: number, signal?: AbortSignal): Promise<{ done: Promise<number> }> {
    const limit = startDeadline(`probe ${id.slice(0, 12)}`, timeoutMs, signal);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.call(
        `wait for probe ${id.slice(0, 12)}`,
        () =>
          new Promise<NodeJS.ReadableStream>((resolve, reject) => {
            this.docker.modem.dial(
              {
                path: `/containers/${id}/wait?`,
                method: 'POST',
                isStream: true,
                abortSignal: limit.signal,
                options: { condition: 'removed' },
                statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
              },
              (err: unknown, s: unknown) => (err ? reject(err) : resolve(s as NodeJS.ReadableStream)),
            );
          }),
        signal,
      );
    } catch (e) {
      limit.dispose();
      throw e;
    }
    const done = (async () => {
      let body = '';
      try {
        for await (const chunk of stream) body += chunk.toString();
      } catch (e) {
        if (signal?.aborted) throw new AbortedError();
        if (limit.expired) throw new EngineCallError(`the probe did not finish within ${timeoutMs / 1000} s`);
        throw new EngineCallError(`lost the probe ${id.slice(0, 12)}: ${(e as Error).message}`);
      } finally {
        limit.dispose();
      }
      if (limit.expired) throw new EngineCallError(`the probe did not finish within ${timeoutMs / 1000} s`);
      return (JSON.parse(body) as { StatusCode: number }).StatusCode;
    })();
    return { done };
  }

  /** A probe's output as it runs (attach, not hijacked): read until the probe ends. */
  attachOutput(id: string, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
    return this.call(
      `attach to probe ${id.slice(0, 12)}`,
      () =>
        this.docker
          .getContainer(id)
          .attach({ stream: true, stdout: true, stderr: true, ...(signal ? { abortSignal: signal } : {}) } as {}) as Promise<NodeJS.ReadableStream>,
      signal,
    );
  }

  async killProbe(id: string): Promise<void> {
    await this.call(`kill probe ${id.slice(0, 12)}`, (s) => this.docker.getContainer(id).kill({ abortSignal: s } as {})).catch(() => undefined);
  }

  /** Removes a container this grader created (a probe, a repository's run). Never called on a student's container. */
  async removeOwnContainer(id: string): Promise<void> {
    try {
      await this.call(`remove container ${id.slice(0, 12)}`, (s) => this.docker.getContainer(id).remove({ force: true, v: true, abortSignal: s }));
    } catch (e) {
      if (e instanceof EngineCallError && (e.statusCode === 404 || /removal.*in progress/i.test(e.message))) return;
      throw e;
    }
  }

  /**
   * Builds a folder with the engine's own build API, telling each message of
   * the build stream as it comes. No registry credentials are sent: a `FROM`
   * pulls anonymously, never with the grader's rights. Intermediate containers
   * are removed even when a step fails (forcerm). Aborting the signal (a time
   * limit, Ctrl-C) closes the request, which cancels the build on the engine.
   */
  async buildImage(dir: string, o: BuildRequest, onMessage: (m: BuildMessage) => void, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw new AbortedError();
    const period = 100_000;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.buildImage(
        packBuildContext(dir, o.dockerfile) as unknown as NodeJS.ReadableStream,
        {
          t: o.tag,
          dockerfile: o.dockerfile,
          labels: o.labels,
          rm: true,
          forcerm: true,
          memory: o.memoryBytes,
          memswap: o.memoryBytes,
          cpuperiod: period,
          cpuquota: Math.round(o.cpus * period),
          abortSignal: signal,
        } as Docker.ImageBuildOptions,
      );
    } catch (e) {
      if (signal.aborted) throw new AbortedError();
      throw new EngineCallError(`build ${o.tag}: ${engineMessage(e as DockerodeError)}`, (e as DockerodeError).statusCode);
    }
    await new Promise<void>((resolve, reject) => {
      let rest = '';
      const take = (text: string) => {
        const lines = (rest + text).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines.filter((l) => l.trim())) {
          try {
            onMessage(JSON.parse(line) as BuildMessage);
          } catch {
            onMessage({ stream: `${line}\n` });
          }
        }
      };
      stream.on('data', (d: Buffer) => take(d.toString('utf8')));
      stream.on('end', () => {
        take('\n');
        resolve();
      });
      stream.on('error', (e: Error) => reject(signal.aborted ? new AbortedError() : e));
      signal.addEventListener('abort', () => reject(new AbortedError()), { once: true });
    });
  }

  /**
   * Runs a read-only command in a running container of the grader's own
   * (grade repo's readiness: which ports listen inside); its output, or
   * undefined when it cannot run there.
   */
  async execCapture(id: string, cmd: string[], signal?: AbortSignal): Promise<{ exitCode: number; output: string } | undefined> {
    try {
      return await this.call(
        `exec in ${id.slice(0, 12)}`,
        async (s) => {
          const exec = await this.docker
            .getContainer(id)
            .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: false, Tty: true, abortSignal: s } as Docker.ExecCreateOptions);
          const stream = await exec.start({ hijack: true, stdin: false, Tty: true, abortSignal: s } as Docker.ExecStartOptions);
          const chunks: Buffer[] = [];
          await new Promise<void>((resolve, reject) => {
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', resolve);
            stream.on('close', resolve);
            stream.on('error', reject);
          });
          const { ExitCode } = await exec.inspect();
          return { exitCode: ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8') };
        },
        signal,
      );
    } catch (e) {
      if (e instanceof AbortedError) throw e;
      return undefined;
    }
  }

  /**
   * Everything a killed grade repo run left, found by its labels: its images
   * (label `label`) and the containers, networks and volumes of its compose
   * projects (whose names match `project`). Only objects older than
   * `olderThanMs` — a run still going on a shared engine is left alone.
   */
  async sweepOwn(label: string, project: RegExp, olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    const projectOf = (labels?: Record<string, string> | null) => labels?.['com.docker.compose.project'] ?? '';
    let removed = 0;
    const count = async (p: Promise<unknown>) => {
      await p;
      removed++;
    };
    const containers = (await this.listContainers()).filter(
      (c) => (c.Labels?.[label] !== undefined || project.test(projectOf(c.Labels))) && c.Created * 1000 < cutoff,
    );
    await Promise.allSettled(containers.map((c) => count(this.removeOwnContainer(c.Id))));
    const images = await this.call('list own images', (s) => this.docker.listImages({ filters: JSON.stringify({ label: [label] }), abortSignal: s }));
    await Promise.allSettled(images.filter((i) => i.Created * 1000 < cutoff).map((i) => count(this.removeOwnImage(i.Id))));
    const networks = (await this.listNetworks()).filter((n) => project.test(projectOf(n.Labels)) && Date.parse(n.Created) < cutoff);
    await Promise.allSettled(networks.map((n) => count(this.call(`remove network ${n.Name}`, (s) => this.docker.getNetwork(n.Id).remove({ abortSignal: s })))));
    const volumes = (await this.listVolumes()).filter(
      (v) => project.test(projectOf(v.Labels)) && Date.parse((v as { CreatedAt?: string }).CreatedAt ?? '') < cutoff,
    );
    await Promise.allSettled(volumes.map((v) => count(this.call(`remove volume ${v.Name}`, (s) => this.docker.getVolume(v.Name).remove({ abortSignal: s })))));
    return removed;
  }

  /** Containers carrying a label this grader puts on its own (probes, a repository's run), with any value or this one. */
  listOwnContainers(label: string, value?: string): Promise<ContainerSummary[]> {
    return this.listContainers(undefined, { label: [value === undefined ? label : `${label}=${value}`] });
  }

  /**
   * Removes an image this grader built (a unique tag, or a layer its failed
   * build committed). Never called on a student's image. Without force, an
   * image something else uses is left alone.
   */
  async removeOwnImage(ref: string, { force = true }: { force?: boolean } = {}): Promise<void> {
    try {
      await this.call(`remove image ${ref}`, (s) => this.docker.getImage(ref).remove({ force, abortSignal: s } as {}));
    } catch (e) {
      if (e instanceof EngineCallError && e.statusCode === 404) return;
      throw e;
    }
  }
}
