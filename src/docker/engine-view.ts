import { normalizeImageRef } from './image-reference';
import { PROBE_LABEL, type ImageFile, type ProbeOutcome, type ProbeRunner, type ProbeSpec } from './probes';
import type {
  ContainerDetails,
  ContainerProcessList,
  ContainerStats,
  ContainerSummary,
  DockerEngine,
  ImageHistoryEntry,
  ImageInfo,
  NetworkDetails,
  VolumeDetails,
} from './engine';
import { SharedReads } from '../concurrency/shared-reads';

export interface EngineViewOptions {
  /** Aborts every engine call (Ctrl-C). */
  signal?: AbortSignal;
  /** Image names as checks write them → what to look at instead (grade repo builds under unique tags). */
  imageAliases?: Readonly<Record<string, string>>;
  /** Only containers whose labels pass count as the student's (grade repo: the ones it started). */
  containerScope?: (labels: Readonly<Record<string, string>>) => boolean;
}

/**
 * What checks see of an engine during one grading run. Reads are memoised: five
 * checks asking about image `ubuntu` cost one round trip. Shared reads use the
 * run's signal, not a check's, so one check timing out never cancels a read
 * another check is waiting on.
 */
export class EngineView {
  private readonly reads = new SharedReads();

  private readonly aliases: Map<string, string>;
  private readonly runSignal: AbortSignal | undefined;
  private readonly containerScope: ((labels: Readonly<Record<string, string>>) => boolean) | undefined;

  constructor(
    private readonly engine: DockerEngine,
    private readonly probes: ProbeRunner,
    options: EngineViewOptions = {},
  ) {
    this.runSignal = options.signal;
    this.containerScope = options.containerScope;
    this.aliases = new Map(Object.entries(options.imageAliases ?? {}).map(([k, v]) => [normalizeImageRef(k), v]));
  }

  private real(ref: string): string {
    return this.aliases.get(normalizeImageRef(ref)) ?? ref;
  }

  image(ref: string): Promise<ImageInfo | undefined> {
    return this.reads.once(`image:${ref}`, () => this.engine.inspectImage(this.real(ref), this.runSignal));
  }

  history(ref: string): Promise<ImageHistoryEntry[] | undefined> {
    return this.reads.once(`history:${ref}`, () => this.engine.imageHistory(this.real(ref), this.runSignal));
  }

  /**
   * The student's containers: never the grader's probes (this run's or any
   * other grader's running at the same time), which would otherwise pass for
   * a container "from image alpine" and vanish under the check's feet.
   */
  containers(): Promise<ContainerSummary[]> {
    return this.reads.once('containers', async () =>
      (await this.engine.listContainers(this.runSignal)).filter(
        (c) => c.Labels?.[PROBE_LABEL] !== 'true' && (!this.containerScope || this.containerScope(c.Labels ?? {})),
      ),
    );
  }

  container(id: string): Promise<ContainerDetails | undefined> {
    return this.reads.once(`container:${id}`, () => this.engine.inspectContainer(id, this.runSignal));
  }

  stats(id: string): Promise<ContainerStats> {
    return this.reads.once(`stats:${id}`, () => this.engine.containerStats(id, this.runSignal));
  }

  /** A stats reading with a real CPU delta (the engine samples twice, ~1 s apart). */
  sampledStats(id: string): Promise<ContainerStats> {
    return this.reads.once(`sampled-stats:${id}`, () => this.engine.containerStatsSampled(id, this.runSignal));
  }

  top(id: string): Promise<ContainerProcessList> {
    return this.reads.once(`top:${id}`, () => this.engine.containerTop(id, this.runSignal));
  }

  logs(id: string, tail: number): Promise<{ stdout: string; stderr: string; truncated: boolean }> {
    return this.reads.once(`logs:${id}:${tail}`, () => this.engine.containerLogs(id, tail, this.runSignal));
  }

  systemTime(): Promise<Date> {
    return this.reads.once('system-time', () => this.engine.systemTime(this.runSignal));
  }

  networks(): Promise<NetworkDetails[]> {
    return this.reads.once('networks', () => this.engine.listNetworks(this.runSignal));
  }

  network(id: string): Promise<NetworkDetails | undefined> {
    return this.reads.once(`network:${id}`, () => this.engine.inspectNetwork(id, this.runSignal));
  }

  volumes(): Promise<VolumeDetails[]> {
    return this.reads.once('volumes', () => this.engine.listVolumes(this.runSignal));
  }

  /** A file of an image, copied out of a probe that is created and never started (not memoised, like probes). */
  imageFile(image: string, path: string, signal?: AbortSignal): Promise<ImageFile | undefined> {
    return this.probes.readFile(this.real(image), path, signal ?? this.runSignal);
  }

  /**
   * A path of a container (a student's too: reading it, like `docker cp … -`,
   * changes nothing) as a tar stream; undefined when it is not there. Not
   * memoised: a stream is read once.
   */
  containerArchive(id: string, path: string, signal?: AbortSignal): Promise<NodeJS.ReadableStream | undefined> {
    return this.engine.archiveOf(id, path, signal ?? this.runSignal);
  }

  /**
   * A command that only reads, run inside a running container (`docker exec`):
   * its output and exit status, or undefined when it cannot run there. Starts
   * no container; not memoised.
   */
  execRead(id: string, cmd: string[], signal?: AbortSignal): Promise<{ exitCode: number; output: string } | undefined> {
    return this.engine.execCapture(id, cmd, signal ?? this.runSignal);
  }

  /** Probes are never memoised: each is an experiment of its own. */
  probe(spec: ProbeSpec, signal?: AbortSignal): Promise<ProbeOutcome> {
    return this.probes.run({ ...spec, image: this.real(spec.image) }, signal ?? this.runSignal);
  }
}
