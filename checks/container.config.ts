import { literalOf } from '../src/check/pattern-words';
import { whereGraded } from '../src/check/where-graded';
import { defineCheckKind, joined, phrase, type Phrase } from '../src/check/kind';
import {
  containerName,
  containerSelectorSchema,
  describeSelector,
  noContainerVerdict,
  selectContainers,
  type ContainerSelector,
} from '../src/check/container-selection';
import type { ContainerDetails } from '../src/docker/engine';
import { COMPOSE_PROJECT_LABEL } from '../src/docker/labels';
import { byteSizeSchema, formatBytes, parseByteSize } from '../src/check/units';
import { portNumberSchema } from '../src/check/port-number';

interface PortSpec {
  host: number;
  container: number;
  protocol?: 'tcp' | 'udp';
}

interface MountSpec {
  destination: string;
  type?: 'volume' | 'bind';
  /** Volume name (compose project prefix optional), or the last segments of a bind's host path. */
  source?: string;
  /** For volumes: a named volume, not an anonymous one (64 hex digits). */
  named?: boolean;
}

interface Params {
  select: ContainerSelector;
  /** `running` (default), `exited` (ran and stopped), or `any`. */
  state?: 'running' | 'exited' | 'any';
  ports?: PortSpec[];
  /** Publishes no port at all. */
  noPublishedPorts?: boolean;
  /** Memory limit in docker's syntax, e.g. "256m". */
  memory?: string;
  /** CPU limit as `--cpus` takes it, e.g. 0.5. */
  cpus?: number;
  /** Networks it is attached to (compose keys like `backend` match `<project>_backend`). */
  networks?: string[];
  /** Attached to these networks and no other. */
  onlyNetworks?: boolean;
  /** Attached to at least this many networks. */
  minNetworks?: number;
  /** HostConfig.NetworkMode: none, host, bridge… */
  networkMode?: string;
  mounts?: MountSpec[];
  restartPolicy?: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  /** Regular expression matched against the container's command line (path and arguments). */
  command?: string;
  /** Started with -it (a terminal and open stdin), or without. */
  interactive?: boolean;
}

const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;

function publishedPorts(c: ContainerDetails): { host: number; container: number; protocol: string }[] {
  // A running container shows what was bound; a stopped one only what was asked for.
  const bindings = (c.State.Running ? c.NetworkSettings.Ports : c.HostConfig.PortBindings) ?? {};
  const out: { host: number; container: number; protocol: string }[] = [];
  for (const [key, list] of Object.entries(bindings as Record<string, { HostPort?: string }[] | null>)) {
    const [port, protocol = 'tcp'] = key.split('/');
    for (const b of list ?? []) {
      if (b.HostPort && !out.some((o) => o.host === Number(b.HostPort) && o.container === Number(port) && o.protocol === protocol)) {
        out.push({ host: Number(b.HostPort), container: Number(port), protocol });
      }
    }
  }
  return out;
}

function networksOf(c: ContainerDetails): string[] {
  return Object.keys(c.NetworkSettings.Networks ?? {});
}

function sameNetwork(actual: string, expected: string, project: string | undefined): boolean {
  return actual === expected || (project !== undefined && actual === `${project}_${expected}`);
}

function cpusOf(c: ContainerDetails): number | undefined {
  const h = c.HostConfig as { NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number };
  if (h.NanoCpus) return h.NanoCpus / 1e9;
  if (h.CpuQuota && h.CpuQuota > 0) return h.CpuQuota / (h.CpuPeriod || 100_000);
  return undefined;
}

const trimSlash = (s: string) => (s.length > 1 ? s.replace(/\/+$/, '') : s);

function mountProblem(c: ContainerDetails, m: MountSpec, project: string | undefined): Phrase | undefined {
  const dest = trimSlash(m.destination);
  const mount = (c.Mounts ?? []).find((x) => trimSlash(x.Destination) === dest);
  if (!mount) return phrase('part.mount.nothing', { dest });
  const type = mount.Type as string;
  if (m.type && type !== m.type) return phrase('part.mount.wrongType', { dest, type, want: m.type });
  if (type === 'volume') {
    const name = mount.Name ?? '';
    if (m.named && ANONYMOUS_VOLUME.test(name)) return phrase('part.mount.anonymous', { dest });
    if (m.source && name !== m.source && !(project && name === `${project}_${m.source}`))
      return phrase('part.mount.otherVolume', { dest, name, want: m.source });
  } else if (m.source) {
    const want = trimSlash(m.source).replace(/^\/+/, '');
    const src = trimSlash(mount.Source);
    if (!(src === `/${want}` || src.endsWith(`/${want}`))) return phrase('part.mount.otherSource', { dest, source: src, want });
  }
  return undefined;
}

/** Everything about one container that differs from the expectation; empty when it matches. */
export function configProblems(c: ContainerDetails, p: Params): Phrase[] {
  const problems: Phrase[] = [];
  const project = c.Config.Labels?.[COMPOSE_PROJECT_LABEL];
  const state = p.state ?? 'running';
  if (state === 'running' && !c.State.Running) problems.push(phrase('part.config.notRunning', { state: c.State.Status }));
  if (state === 'exited' && c.State.Running) problems.push(phrase('part.config.stillRunning'));
  const ports = publishedPorts(c);
  for (const want of p.ports ?? []) {
    const proto = want.protocol ?? 'tcp';
    if (!ports.some((x) => x.host === want.host && x.container === want.container && x.protocol === proto)) {
      const same = ports.filter((x) => x.container === want.container);
      problems.push(
        same.length
          ? phrase('part.config.otherHostPort', { container: want.container, hosts: same.map((x) => x.host).join(', '), host: want.host })
          : phrase('part.config.notPublished', { host: want.host, container: want.container }),
      );
    }
  }
  if (p.noPublishedPorts && ports.length)
    problems.push(phrase('part.config.publishesSome', { ports: ports.map((x) => `${x.host}→${x.container}`).join(', ') }));
  if (p.memory !== undefined) {
    const want = parseByteSize(p.memory) ?? NaN;
    const have = c.HostConfig.Memory ?? 0;
    if (have !== want)
      problems.push(have ? phrase('part.config.memory', { have: formatBytes(have), want: p.memory }) : phrase('part.config.noMemory', { want: p.memory }));
  }
  if (p.cpus !== undefined) {
    const have = cpusOf(c);
    if (have === undefined) problems.push(phrase('part.config.noCpu', { want: p.cpus }));
    else if (Math.abs(have - p.cpus) > 1e-6) problems.push(phrase('part.config.cpus', { have, want: p.cpus }));
  }
  const nets = networksOf(c);
  for (const want of p.networks ?? []) {
    if (!nets.some((n) => sameNetwork(n, want, project)))
      problems.push(phrase('part.config.notOnNetwork', { network: want, networks: nets.join(', ') || phrase('part.noNetworks') }));
  }
  if (p.onlyNetworks && p.networks) {
    const extra = nets.filter((n) => !p.networks!.some((w) => sameNetwork(n, w, project)));
    if (extra.length) problems.push(phrase('part.config.alsoOn', { networks: extra.join(', ') }));
  }
  if (p.minNetworks !== undefined && nets.length < p.minNetworks)
    problems.push(phrase('part.config.networkCount', { count: nets.length, networks: nets.join(', ') || phrase('part.noNetworks'), want: p.minNetworks }));
  if (p.networkMode !== undefined) {
    const mode = c.HostConfig.NetworkMode === 'default' ? 'bridge' : c.HostConfig.NetworkMode;
    if (mode !== p.networkMode) problems.push(phrase('part.config.networkMode', { mode, want: p.networkMode }));
  }
  for (const m of p.mounts ?? []) {
    const problem = mountProblem(c, m, project);
    if (problem) problems.push(problem);
  }
  if (p.restartPolicy !== undefined) {
    const have = c.HostConfig.RestartPolicy?.Name || 'no';
    if (have !== p.restartPolicy) problems.push(phrase('part.config.restartPolicy', { have, want: p.restartPolicy }));
  }
  if (p.command !== undefined) {
    const line = [c.Path, ...(c.Args ?? [])].join(' ');
    if (!new RegExp(p.command).test(line)) {
      // In words a novice reads: the pattern itself stays in the evidence (Details).
      const literal = literalOf(p.command);
      problems.push(
        literal
          ? phrase(literal.exact ? 'part.config.commandExpected' : 'part.config.commandContaining', { want: literal.text, line })
          : phrase('part.config.command', { line }),
      );
    }
  }
  if (p.interactive !== undefined) {
    const interactive = Boolean(c.Config.Tty && c.Config.OpenStdin);
    if (interactive !== p.interactive) problems.push(phrase(interactive ? 'part.config.interactive' : 'part.config.notInteractive'));
  }
  return problems;
}

export function containerSnapshot(c: ContainerDetails): Record<string, unknown> {
  return {
    name: containerName(c),
    image: c.Config.Image,
    state: c.State.Status,
    command: [c.Path, ...(c.Args ?? [])].join(' '),
    ports: publishedPorts(c).map((x) => `${x.host}->${x.container}/${x.protocol}`),
    networkMode: c.HostConfig.NetworkMode,
    networks: networksOf(c),
    memory: c.HostConfig.Memory ?? 0,
    cpus: cpusOf(c) ?? 0,
    restartPolicy: c.HostConfig.RestartPolicy?.Name || 'no',
    interactive: Boolean(c.Config.Tty && c.Config.OpenStdin),
    mounts: (c.Mounts ?? []).map((m) => `${m.Type}:${m.Type === 'volume' ? m.Name : m.Source}:${m.Destination}`),
  };
}

export default defineCheckKind<Params, 'ok' | 'notFound' | 'mismatch' | 'noneFits'>({
  meta: {
    kind: 'container.config',
    description: 'A container (by name, image or compose service) exists with the expected state, ports, limits, networks, mounts and restart policy.',
    params: {
      type: 'object',
      properties: {
        select: containerSelectorSchema,
        state: { type: 'string', enum: ['running', 'exited', 'any'], nullable: true },
        ports: {
          type: 'array',
          nullable: true,
          items: {
            type: 'object',
            properties: {
              host: portNumberSchema,
              container: portNumberSchema,
              protocol: { type: 'string', enum: ['tcp', 'udp'], nullable: true },
            },
            required: ['host', 'container'],
            additionalProperties: false,
          },
        },
        noPublishedPorts: { type: 'boolean', nullable: true },
        memory: byteSizeSchema,
        cpus: { type: 'number', exclusiveMinimum: 0, nullable: true },
        networks: { type: 'array', items: { type: 'string', minLength: 1 }, nullable: true },
        onlyNetworks: { type: 'boolean', nullable: true },
        minNetworks: { type: 'integer', minimum: 1, nullable: true },
        networkMode: { type: 'string', minLength: 1, nullable: true },
        mounts: {
          type: 'array',
          nullable: true,
          items: {
            type: 'object',
            properties: {
              destination: { type: 'string', pattern: '^/' },
              type: { type: 'string', enum: ['volume', 'bind'], nullable: true },
              source: { type: 'string', minLength: 1, nullable: true },
              named: { type: 'boolean', nullable: true },
            },
            required: ['destination'],
            additionalProperties: false,
          },
        },
        restartPolicy: { type: 'string', enum: ['no', 'always', 'unless-stopped', 'on-failure'], nullable: true },
        command: { type: 'string', format: 'regex', nullable: true },
        interactive: { type: 'boolean', nullable: true },
      },
      required: ['select'],
      additionalProperties: false,
    },
    messages: {
      ok: '{{name}} is {{state}} as expected',
      notFound: 'There is no {{what}} {{where}}',
      mismatch: '{{name}} {{problems}}',
      noneFits: 'No {{what}} fits ({{count}} candidates): {{problems}}',
    },
    messagesIt: {
      ok: '{{name}} è {{state}} come previsto',
      notFound: 'Non c’è {{what}} {{where}}',
      mismatch: '{{name}} {{problems}}',
      noneFits: 'Nessuno dei {{count}} candidati per {{what}} va bene: {{problems}}',
    },
  },
  async evaluate(p, ctx) {
    const what = describeSelector(p.select);
    const candidates = await selectContainers(ctx.engine, p.select);
    const { select: _select, ...expected } = p;
    if (candidates.length === 0) {
      // The common no-container verdict, told where it looked and with the configuration it looked for.
      const none = noContainerVerdict(p.select, 'notFound');
      return { ...none, data: { ...none.data, where: whereGraded(ctx) }, evidence: { expected, actual: phrase('evidence.noSuchContainer'), ...none.evidence } };
    }
    // Several candidates (e.g. any container of image nginx): one that fits is enough;
    // otherwise report the closest, running ones first.
    const judged = candidates
      .map((c) => ({ c, problems: configProblems(c, p) }))
      .sort((a, b) => a.problems.length - b.problems.length || Number(b.c.State.Running) - Number(a.c.State.Running));
    const best = judged[0]!;
    const name = containerName(best.c);
    const evidence = { expected, actual: containerSnapshot(best.c), command: `docker inspect ${name}` };
    if (best.problems.length === 0) return { status: 'pass', messageId: 'ok', data: { name, state: best.c.State.Status }, evidence };
    // Several equally close candidates: say what is wrong with each, not with an arbitrary one.
    const closest = judged.filter((j) => j.problems.length === best.problems.length).slice(0, 3);
    if (closest.length > 1) {
      const problems = joined(
        closest.map((j) => phrase('part.config.candidate', { name: containerName(j.c), problems: joined(j.problems, ', ') })),
        '; ',
      );
      return { status: 'fail', messageId: 'noneFits', data: { count: candidates.length, what, problems }, evidence };
    }
    return { status: 'fail', messageId: 'mismatch', data: { name, what, problems: joined(best.problems, '; ') }, evidence };
  },
});
