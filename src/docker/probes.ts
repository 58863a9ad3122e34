import { randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import { extract as tarExtract } from 'tar-stream';
import createDebug from 'debug';
import { AbortedError, EngineCallError, type DockerEngine } from './engine';
import { demuxLogFrames } from './log-frames';
import { Semaphore } from '../concurrency/semaphore';

/** Keeps the first `cap` bytes of a stream and drains the rest. */
async function collectCapped(stream: NodeJS.ReadableStream, cap = 256 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (size < cap) chunks.push(buf.subarray(0, cap - size));
      size += buf.length;
    }
  } catch {
    // The stream ends abruptly when the probe is killed or removed: keep what came.
  }
  return Buffer.concat(chunks);
}

interface TarEntry {
  type: string;
  linkname?: string;
  content: Buffer;
  truncated: boolean;
}

/** The first entry of a tar stream (a `docker cp` of one path): its type, and up to `cap` bytes of its content. */
async function firstTarEntry(stream: NodeJS.ReadableStream, cap: number): Promise<TarEntry> {
  const extract = tarExtract();
  const done = new Promise<TarEntry>((resolve, reject) => {
    extract.once('entry', (header, body, next) => {
      void collectCapped(body as unknown as NodeJS.ReadableStream, cap + 1).then((content) => {
        resolve({ type: header.type ?? 'file', linkname: header.linkname ?? undefined, content: content.subarray(0, cap), truncated: content.length > cap });
        next();
      });
    });
    extract.once('finish', () => reject(new Error('the engine sent an empty archive')));
    extract.once('error', reject);
  });
  stream.pipe(extract);
  try {
    return await done;
  } finally {
    // Nothing more is read: the rest of the archive (and the request) is dropped.
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}

const debug = createDebug('grade:probe');

/** Every container the grader creates carries these labels, so it can always find and remove its own. */
export const PROBE_LABEL = 'io.github.grade.probe';
export const PROBE_RUN_LABEL = 'io.github.grade.run';
export const PROBE_CREATED_LABEL = 'io.github.grade.created';

/** Limits of every probe: small, short-lived, unable to fork-bomb or eat the host's memory; see also its capabilities and read-only root. */
export const PROBE_LIMITS = {
  memoryBytes: 128 * 1024 * 1024,
  pids: 64,
  nanoCpus: 500_000_000,
} as const;

export interface ProbeSpec {
  image: string;
  cmd: string[];
  entrypoint?: string[];
  /** `none` unless the probe must share a network (`container:<id>`). */
  networkMode?: string;
  /**
   * `container:<id>` to run in that container's PID namespace. A ping that
   * shares a network namespace should share its PID namespace too: its ICMP
   * echo id is its PID, unique there, so concurrent pings (ours, or the
   * student's own `docker exec … ping`) never take each other's replies.
   */
  pidMode?: string;
  /** Named volumes mounted read-only. */
  volumes?: { name: string; target: string }[];
  /** The only Linux capabilities it keeps (all others dropped): ping needs NET_RAW, nothing else does. */
  capabilities?: ('NET_RAW' | 'DAC_READ_SEARCH')[];
  timeoutMs: number;
}

/** A file read from an image by `ProbeRunner.readFile`. */
export interface ImageFile {
  /** Where it was found, symbolic links followed. */
  path: string;
  content: Buffer;
  truncated: boolean;
}

export interface ProbeOutcome {
  /** Null when the probe could not start or was killed at its time limit. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The engine's reason when the command could not even start (e.g. executable not found). */
  startError?: string;
  durationMs: number;
}

/**
 * Runs throwaway containers for checks (a command in an image, a ping from a
 * container's network namespace) with testcontainers' discipline: labelled,
 * limited, and removed in every outcome — success, failure, timeout, Ctrl-C.
 */
export class ProbeRunner {
  private readonly pending = new Set<Promise<unknown>>();
  private disposed = false;
  /** A create failed or was cancelled: a container may exist whose id we never saw. */
  private uncertain = false;
  /** Tail of the queue of probes sharing one network namespace (`container:<id>`). */
  private readonly netnsQueues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly engine: DockerEngine,
    /** Labels every probe of this run; a caller that may have to clean up by other means chooses it. */
    readonly runId: string = randomUUID(),
  ) {
    const max = engine.connection.maxProbes;
    this.slots = max ? new Semaphore(max) : undefined;
  }

  private readonly slots: Semaphore | undefined;

  run(spec: ProbeSpec, signal?: AbortSignal): Promise<ProbeOutcome> {
    return this.tracked(this.inTurn(spec, () => this.inSlot(() => this.runOnce(spec, signal))));
  }

  /** Within the engine's limit of probes at once (`maxProbes`), when it has one. */
  private inSlot<T>(task: () => Promise<T>): Promise<T> {
    return this.slots ? this.slots.use(task) : task();
  }

  /** Kept until settled, so `dispose` waits for every probe under way. */
  private tracked<T>(op: Promise<T>): Promise<T> {
    this.pending.add(op);
    const forget = () => this.pending.delete(op);
    op.then(forget, forget);
    return op;
  }

  /**
   * Probes that join one container's network namespace, but not its PID
   * namespace, run one at a time. Two pings there at once are both PID 1 of
   * their own container, so both use ICMP id 1 and each may take the other's
   * echo replies for its own (seen: a ping to one address printing the reply
   * of another). Probes that also share the PID namespace have distinct PIDs,
   * hence distinct ids, and run at once.
   */
  private inTurn<T>(spec: ProbeSpec, task: () => Promise<T>): Promise<T> {
    const key = spec.networkMode?.startsWith('container:') && spec.pidMode !== spec.networkMode ? spec.networkMode : undefined;
    if (!key) return task();
    const previous = this.netnsQueues.get(key) ?? Promise.resolve();
    const mine = previous.then(task, task);
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.netnsQueues.set(key, tail);
    void tail.then(() => {
      if (this.netnsQueues.get(key) === tail) this.netnsQueues.delete(key);
    });
    return mine;
  }

  /**
   * Not aborted by Ctrl-C: a create cancelled in flight may still happen on
   * the engine after we stopped listening (over SSH, the request is already
   * on its way), leaving a probe we hold no id of. It is short and bounded by
   * the engine call's own time limit; the caller removes what it returns.
   */
  private async create(spec: ProbeSpec): Promise<string> {
    try {
      return await this.engine.createContainer({
        Image: spec.image,
        Cmd: spec.cmd,
        ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
        Labels: {
          [PROBE_LABEL]: 'true',
          [PROBE_RUN_LABEL]: this.runId,
          [PROBE_CREATED_LABEL]: new Date().toISOString(),
        },
        Tty: false,
        HostConfig: {
          // Like docker run --rm: the engine removes the probe when it ends, even if
          // the grader is gone by then (killed, or its SSH connection dropped).
          AutoRemove: true,
          NetworkMode: spec.networkMode ?? 'none',
          ...(spec.pidMode ? { PidMode: spec.pidMode } : {}),
          Memory: PROBE_LIMITS.memoryBytes,
          MemorySwap: PROBE_LIMITS.memoryBytes,
          PidsLimit: PROBE_LIMITS.pids,
          NanoCpus: PROBE_LIMITS.nanoCpus,
          SecurityOpt: ['no-new-privileges'],
          CapDrop: ['ALL'],
          ...(spec.capabilities?.length ? { CapAdd: spec.capabilities } : {}),
          // It only reads: nothing it runs can change the image's files, and scratch space is small.
          ReadonlyRootfs: true,
          Tmpfs: { '/tmp': 'rw,nosuid,nodev,noexec,size=16m' },
          Mounts: (spec.volumes ?? []).map((v) => ({ Type: 'volume' as const, Source: v.name, Target: v.target, ReadOnly: true })),
        },
      });
    } catch (e) {
      this.uncertain = true;
      throw e;
    }
  }

  private async runOnce(spec: ProbeSpec, signal?: AbortSignal): Promise<ProbeOutcome> {
    if (this.disposed) throw new AbortedError();
    const started = Date.now();
    let id: string | undefined;
    let removed = false;
    try {
      id = await this.create(spec);
      // Interrupted while it was created: it is removed below, never started.
      if (signal?.aborted) throw new AbortedError();
      debug('created probe %s from %s: %o', id.slice(0, 12), spec.image, spec.cmd);
      const output = await this.engine.attachOutput(id, signal);
      const collected = collectCapped(output);
      const { done } = await this.engine.waitRemoval(id, spec.timeoutMs, signal);
      // Interrupted before it is awaited below, it must not be an unhandled rejection.
      done.catch(() => undefined);
      try {
        await this.engine.startContainer(id, signal);
      } catch (e) {
        if (e instanceof EngineCallError && e.statusCode !== undefined && e.statusCode >= 400) {
          // Never started, so never auto-removed: the finally below removes it.
          return { exitCode: null, stdout: '', stderr: '', timedOut: false, startError: e.message, durationMs: Date.now() - started };
        }
        throw e;
      }
      let exitCode: number | null = null;
      let timedOut = false;
      try {
        exitCode = await done;
        removed = true;
      } catch (e) {
        if (!(e instanceof EngineCallError) || signal?.aborted) throw e;
        timedOut = true;
        // Killed, it exits, and the engine removes it (AutoRemove).
        await this.engine.killProbe(id);
      }
      const out = demuxLogFrames(await collected);
      return { exitCode, stdout: out.stdout, stderr: out.stderr, timedOut, durationMs: Date.now() - started };
    } finally {
      if (id && !removed) {
        await this.engine.removeOwnContainer(id).catch((e: unknown) => debug('could not remove probe %s: %s', id, e));
        debug('removed probe %s', id.slice(0, 12));
      }
    }
  }

  /**
   * A file of an image, read without running anything: a probe container is
   * created from the image (labelled and limited like every probe, never
   * started) and the file copied out of it, as `docker cp` does; the probe is
   * removed in every outcome. Much cheaper than starting a container to `cat`
   * it. A symbolic link is followed inside the image, as `cat` would.
   * Undefined when the path is not there (or names no regular file).
   */
  async readFile(image: string, file: string, signal?: AbortSignal, cap = 256 * 1024): Promise<ImageFile | undefined> {
    if (this.disposed) throw new AbortedError();
    const task = async (): Promise<ImageFile | undefined> => {
      let id: string | undefined;
      try {
        // Never started: the command is never run; it is there because an image without CMD cannot be created without one.
        id = await this.create({ image, cmd: ['cat', file], timeoutMs: 0 });
        if (signal?.aborted) throw new AbortedError();
        let target = file;
        for (let hops = 0; hops < 8; hops++) {
          const tar = await this.engine.archiveOf(id, target, signal);
          if (!tar) return undefined;
          const entry = await firstTarEntry(tar, cap);
          if (entry.type === 'symlink' && entry.linkname) {
            target = entry.linkname.startsWith('/') ? entry.linkname : posix.join(posix.dirname(target), entry.linkname);
            continue;
          }
          return entry.type === 'file' ? { path: target, content: entry.content, truncated: entry.truncated } : undefined;
        }
        return undefined;
      } finally {
        if (id) await this.engine.removeOwnContainer(id).catch((e: unknown) => debug('could not remove probe %s: %s', id, e));
      }
    };
    return this.tracked(this.inSlot(task));
  }

  /**
   * Waits for probes under way (their signal is aborted by the caller on
   * Ctrl-C). If a create failed or was cancelled, it also removes anything
   * labelled with this run: a create whose answer never arrived leaves a
   * container we hold no id of.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled([...this.pending]);
    if (!this.uncertain) return;
    const left = await this.engine.listOwnContainers(PROBE_RUN_LABEL, this.runId).catch(() => []);
    await Promise.allSettled(left.map((c) => this.engine.removeOwnContainer(c.Id)));
    if (left.length) debug('removed %d leftover probes of run %s', left.length, this.runId);
  }

  /**
   * Probes of an earlier run that was killed (SIGKILL, power cut) are removed
   * once they are older than any probe's time limit — they are the grader's own.
   */
  static async sweepStale(engine: DockerEngine, olderThanMs = 10 * 60_000): Promise<number> {
    const probes = await engine.listOwnContainers(PROBE_LABEL);
    const cutoff = Date.now() - olderThanMs;
    const stale = probes.filter((c) => {
      const created = Date.parse(c.Labels?.[PROBE_CREATED_LABEL] ?? '');
      return Number.isFinite(created) ? created < cutoff : c.Created * 1000 < cutoff;
    });
    await Promise.allSettled(stale.map((c) => engine.removeOwnContainer(c.Id)));
    return stale.length;
  }
}
