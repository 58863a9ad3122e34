import { defineCheckKind, joined, phrase, type Phrase } from '../src/check/kind';
import type { MessageId } from '../src/messages/catalog';
import { COMPOSE_FILE_NAMES, parseComposeFile } from '../src/repo/compose-file';
import { isVerdict, NOT_REPO, NOT_REPO_IT, repoOf } from '../src/check/repo-verdicts';
import { portNumberSchema } from '../src/check/port-number';

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

/** A list of expectations about one service each: every item names its service, then what it expects of it. */
function perService<const P extends object, const R extends string>(properties: P, required: readonly R[]) {
  return {
    type: 'array',
    nullable: true,
    items: {
      type: 'object',
      properties: { service: { type: 'string', minLength: 1 }, ...properties },
      required: ['service', ...required],
      additionalProperties: false,
    },
  } as const;
}

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
        attach: perService({ networks: { type: 'array', items: { type: 'string', minLength: 1 } }, only: { type: 'boolean', nullable: true } }, ['networks']),
        ports: perService({ host: portNumberSchema, container: portNumberSchema }, ['host', 'container']),
        noPorts: names,
        mounts: perService({ target: { type: 'string', minLength: 1 }, named: { type: 'boolean', nullable: true } }, ['target']),
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
    messagesIt: {
      ok: '{{file}} dichiara {{what}}',
      missingFile: 'Il repository non ha un file compose ({{file}})',
      invalidYaml: '{{file}} non è YAML valido: {{problems}}',
      invalidSpec: '{{file}} non segue la specifica compose: {{problems}}',
      problems: '{{file}}: {{problems}}',
      ...NOT_REPO_IT,
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
    const problems: Phrase[] = [];
    const lacking = (want: string[] | undefined, have: string[], id: MessageId) => {
      const missing = (want ?? []).filter((w) => !have.includes(w));
      if (missing.length) problems.push(phrase(id, { missing: missing.join(', '), have: have.join(', ') || phrase('part.none') }));
    };
    lacking(p.services, [...model.services.keys()], 'part.compose.noService');
    lacking(p.networks, model.networks, 'part.compose.noNetwork');
    lacking(p.volumes, model.volumes, 'part.compose.noVolume');
    for (const a of p.attach ?? []) {
      const s = model.services.get(a.service);
      if (!s) continue;
      const missing = a.networks.filter((n) => !s.networks.includes(n));
      const extra = a.only ? s.networks.filter((n) => !a.networks.includes(n)) : [];
      if (missing.length)
        problems.push(
          phrase('part.compose.notOn', {
            service: a.service,
            missing: missing.join(', '),
            networks: s.networks.join(', ') || phrase('part.compose.defaultNetwork'),
          }),
        );
      if (extra.length) problems.push(phrase('part.compose.alsoOn', { service: a.service, extra: extra.join(', '), wanted: a.networks.join(', ') }));
    }
    for (const want of p.ports ?? []) {
      const s = model.services.get(want.service);
      if (s && !s.ports.some((x) => x.host === want.host && x.container === want.container)) {
        const have = s.ports.map((x) => (x.host ? `${x.host}:${x.container}` : `${x.container}`)).join(', ') || phrase('part.none');
        problems.push(phrase('part.compose.notPublished', { service: want.service, host: want.host, container: want.container, have }));
      }
    }
    for (const name of p.noPorts ?? []) {
      const s = model.services.get(name);
      if (s?.ports.length)
        problems.push(
          phrase('part.compose.publishesSome', {
            service: name,
            ports: s.ports.map((x) => (x.host ? `${x.host}:${x.container}` : `${x.container}`)).join(', '),
          }),
        );
    }
    for (const m of p.mounts ?? []) {
      const s = model.services.get(m.service);
      if (!s) continue;
      const mount = s.mounts.find((x) => x.target === m.target);
      if (!mount) problems.push(phrase('part.compose.noMount', { service: m.service, target: m.target }));
      else if (m.named && !mount.named)
        problems.push(
          phrase('part.compose.notNamed', { service: m.service, source: mount.source ?? phrase('part.compose.anonymousVolume'), target: m.target }),
        );
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
    if (problems.length) return { status: 'fail', messageId: 'problems', data: { file, problems: joined(problems, '; ') }, evidence };
    const what = [
      p.services?.length ? phrase('part.compose.services', { list: p.services.join(', ') }) : undefined,
      p.networks?.length ? phrase('part.compose.networks', { list: p.networks.join(', ') }) : undefined,
      p.volumes?.length ? phrase('part.compose.volumes', { list: p.volumes.join(', ') }) : undefined,
      p.attach?.length ? phrase('part.compose.attach') : undefined,
      p.ports?.length ? phrase('part.compose.ports', { list: p.ports.map((x) => `${x.host}:${x.container}`).join(', ') }) : undefined,
      p.mounts?.length ? phrase('part.compose.mounts', { list: p.mounts.map((x) => x.target).join(', ') }) : undefined,
    ].filter((x) => x !== undefined);
    return { status: 'pass', messageId: 'ok', data: { file, what: what.length ? joined(what, ', ') : phrase('part.compose.valid') }, evidence };
  },
});
