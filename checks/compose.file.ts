import { defineCheckKind } from '../src/check/kind';
import { COMPOSE_FILE_NAMES, parseComposeFile } from '../src/repo/compose-file';
import { isVerdict, NOT_REPO, repoOf } from '../src/check/repo-verdicts';

interface Params {
  /** Where the compose file may be, first found wins (default: the names compose itself looks for). */
  files?: string[];
  /** Services it must declare. */
  services?: string[];
  /** Top-level networks it must declare. */
  networks?: string[];
  /** Top-level (named) volumes it must declare. */
  volumes?: string[];
  /** Networks a service is attached to; `only`: and no other. */
  attach?: { service: string; networks: string[]; only?: boolean }[];
  /** Ports a service publishes, host → container. */
  ports?: { service: string; host: number; container: number }[];
  /** Services that must publish no port. */
  noPorts?: string[];
  /** Paths a service keeps in a volume; `named`: a top-level named volume. */
  mounts?: { service: string; target: string; named?: boolean }[];
}

const names = { type: 'array', nullable: true, items: { type: 'string', minLength: 1 } } as const;

export default defineCheckKind<Params, 'ok' | 'missingFile' | 'invalidYaml' | 'invalidSpec' | 'problems' | 'notRepo'>({
  meta: {
    kind: 'compose.file',
    description:
      "A repository's compose file, validated against the compose specification's JSON Schema, declares the services, networks, volumes, ports and mounts of a slide.",
    params: {
      type: 'object',
      properties: {
        files: { type: 'array', nullable: true, minItems: 1, items: { type: 'string', minLength: 1 } },
        services: names,
        networks: names,
        volumes: names,
        attach: {
          type: 'array',
          nullable: true,
          items: {
            type: 'object',
            properties: {
              service: { type: 'string', minLength: 1 },
              networks: { type: 'array', items: { type: 'string', minLength: 1 } },
              only: { type: 'boolean', nullable: true },
            },
            required: ['service', 'networks'],
            additionalProperties: false,
          },
        },
        ports: {
          type: 'array',
          nullable: true,
          items: {
            type: 'object',
            properties: {
              service: { type: 'string', minLength: 1 },
              host: { type: 'integer', minimum: 1, maximum: 65535 },
              container: { type: 'integer', minimum: 1, maximum: 65535 },
            },
            required: ['service', 'host', 'container'],
            additionalProperties: false,
          },
        },
        noPorts: names,
        mounts: {
          type: 'array',
          nullable: true,
          items: {
            type: 'object',
            properties: {
              service: { type: 'string', minLength: 1 },
              target: { type: 'string', minLength: 1 },
              named: { type: 'boolean', nullable: true },
            },
            required: ['service', 'target'],
            additionalProperties: false,
          },
        },
      },
      required: [],
      additionalProperties: false,
    },
    messages: {
      ok: '{{file}} declares {{what}}',
      missingFile: 'The repository has no compose file ({{file}})',
      invalidYaml: '{{file}} is not valid YAML: {{problems}}',
      invalidSpec: '{{file}} does not follow the compose specification: {{problems}}',
      problems: '{{file}}: {{problems}}',
      ...NOT_REPO,
    },
  },
  async evaluate(p, ctx) {
    const repo = repoOf(ctx);
    if (isVerdict(repo)) return repo;
    const candidates = p.files ?? COMPOSE_FILE_NAMES;
    const file = repo.firstExisting(candidates);
    if (file === undefined) return { status: 'fail', messageId: 'missingFile', data: { file: candidates.join(', ') }, evidence: { command: 'ls' } };
    const text = repo.readFile(file)!;
    const parsed = parseComposeFile(text);
    const command = `docker-compose -f ${file} config`;
    if (!parsed.ok) {
      return {
        status: 'fail',
        messageId: parsed.kind === 'yaml' ? 'invalidYaml' : 'invalidSpec',
        data: { file, problems: parsed.problems.join('; ') },
        evidence: { actual: parsed.problems, command },
      };
    }
    const { model } = parsed;
    const problems: string[] = [];
    const lacking = (want: string[] | undefined, have: string[], what: string) => {
      const missing = (want ?? []).filter((w) => !have.includes(w));
      if (missing.length) problems.push(`no ${what} ${missing.join(', ')} (declared: ${have.join(', ') || 'none'})`);
    };
    lacking(p.services, [...model.services.keys()], 'service');
    lacking(p.networks, model.networks, 'top-level network');
    lacking(p.volumes, model.volumes, 'top-level volume');
    for (const a of p.attach ?? []) {
      const s = model.services.get(a.service);
      if (!s) continue;
      const missing = a.networks.filter((n) => !s.networks.includes(n));
      const extra = a.only ? s.networks.filter((n) => !a.networks.includes(n)) : [];
      if (missing.length) problems.push(`${a.service} is not on ${missing.join(', ')} (on ${s.networks.join(', ') || 'the default network'})`);
      if (extra.length) problems.push(`${a.service} is also on ${extra.join(', ')} (only ${a.networks.join(', ')} wanted)`);
    }
    for (const want of p.ports ?? []) {
      const s = model.services.get(want.service);
      if (s && !s.ports.some((x) => x.host === want.host && x.container === want.container)) {
        const have = s.ports.map((x) => (x.host ? `${x.host}:${x.container}` : `${x.container}`)).join(', ') || 'none';
        problems.push(`${want.service} does not publish ${want.host}:${want.container} (publishes: ${have})`);
      }
    }
    for (const name of p.noPorts ?? []) {
      const s = model.services.get(name);
      if (s?.ports.length)
        problems.push(
          `${name} publishes ${s.ports.map((x) => (x.host ? `${x.host}:${x.container}` : `${x.container}`)).join(', ')}; it should publish nothing`,
        );
    }
    for (const m of p.mounts ?? []) {
      const s = model.services.get(m.service);
      if (!s) continue;
      const mount = s.mounts.find((x) => x.target === m.target);
      if (!mount) problems.push(`${m.service} keeps nothing at ${m.target} in a volume`);
      else if (m.named && !mount.named)
        problems.push(`${m.service} mounts ${mount.source ?? 'an anonymous volume'} at ${m.target}, not a named volume declared under volumes:`);
    }
    const evidence = {
      expected: p,
      actual: {
        services: Object.fromEntries([...model.services].map(([n, s]) => [n, s])),
        networks: model.networks,
        volumes: model.volumes,
      },
      command,
    };
    if (problems.length) return { status: 'fail', messageId: 'problems', data: { file, problems: problems.join('; ') }, evidence };
    const what = [
      p.services?.length ? `services ${p.services.join(', ')}` : '',
      p.networks?.length ? `networks ${p.networks.join(', ')}` : '',
      p.volumes?.length ? `volumes ${p.volumes.join(', ')}` : '',
      p.attach?.length ? 'the networks of each service' : '',
      p.ports?.length ? `ports ${p.ports.map((x) => `${x.host}:${x.container}`).join(', ')}` : '',
      p.mounts?.length ? `mounts ${p.mounts.map((x) => x.target).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return { status: 'pass', messageId: 'ok', data: { file, what: what || 'a valid compose project' }, evidence };
  },
});
