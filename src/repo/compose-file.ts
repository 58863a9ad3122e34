import { parseDocument } from 'yaml';
import { composeSpecValidator } from './compose-schema';

/** The names compose looks for, in its order of preference. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** What a compose file declares, in the terms the slides use. */
export interface ComposeModel {
  services: Map<string, ComposeService>;
  /** Top-level network keys. */
  networks: string[];
  /** Top-level volume keys (named volumes). */
  volumes: string[];
}

export interface ComposeService {
  /** Network keys the service is attached to ([] when it uses only the project's default network). */
  networks: string[];
  /** Published ports; `host` undefined when only the container port is given (a random host port). */
  ports: { host?: number; container: number }[];
  mounts: { source?: string; target: string; named: boolean }[];
  /** It has a `build:` section (compose builds its image). */
  builds: boolean;
  /** The image it names, if any (with `build:`, the name the built image gets). */
  image?: string;
}

export type ComposeParse = { ok: true; model: ComposeModel } | { ok: false; kind: 'yaml' | 'spec'; problems: string[] };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const keys = (x: unknown): string[] => (isObj(x) ? Object.keys(x) : []);

/** "8080:80", "127.0.0.1:8080:80/tcp", "80", "8000-8001:80-81" (ranges: first port), or the long syntax. */
function parsePort(p: unknown): { host?: number; container: number } | undefined {
  if (isObj(p)) {
    const container = Number(p.target);
    const host = p.published === undefined ? undefined : Number(String(p.published).split('-')[0]);
    return Number.isFinite(container) ? { container, ...(host !== undefined && Number.isFinite(host) ? { host } : {}) } : undefined;
  }
  const parts = String(p)
    .replace(/\/(tcp|udp|sctp)$/, '')
    .split(':');
  const container = Number(parts.at(-1)!.split('-')[0]);
  const host = parts.length >= 2 ? Number(parts.at(-2)!.split('-')[0]) : undefined;
  if (!Number.isFinite(container)) return undefined;
  return host !== undefined && Number.isFinite(host) && parts.at(-2) !== '' ? { host, container } : { container };
}

/** "db:/var/lib/mysql", "./html:/var/www/html:ro", "/data" (anonymous), or the long syntax. */
function parseMount(v: unknown, namedVolumes: string[]): ComposeService['mounts'][number] | undefined {
  if (isObj(v)) {
    const target = typeof v.target === 'string' ? v.target : undefined;
    if (!target) return undefined;
    const source = typeof v.source === 'string' ? v.source : undefined;
    return { target, ...(source ? { source } : {}), named: (v.type ?? 'volume') === 'volume' && !!source && namedVolumes.includes(source) };
  }
  const parts = String(v).split(':');
  if (parts.length === 1) return { target: parts[0]!, named: false };
  const [source, target] = parts as [string, string];
  return { source, target, named: namedVolumes.includes(source) };
}

/** Parses and validates a compose file against the compose specification's schema. */
export function parseComposeFile(text: string): ComposeParse {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      kind: 'yaml',
      problems: doc.errors.map((e) => `line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`),
    };
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const validate = composeSpecValidator();
  if (!validate(data)) {
    const problems = (validate.errors ?? [])
      // oneOf/anyOf explain every branch; the leaf errors say what is wrong.
      .filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword))
      .map((e) => {
        const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the file';
        const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
        return `${where}: ${e.message}${extra}`;
      });
    return { ok: false, kind: 'spec', problems: [...new Set(problems)].slice(0, 5) };
  }
  const root = data as Obj;
  const volumes = keys(root.volumes);
  const services = new Map<string, ComposeService>();
  for (const [name, raw] of Object.entries(isObj(root.services) ? root.services : {})) {
    const s = isObj(raw) ? raw : {};
    services.set(name, {
      networks: Array.isArray(s.networks) ? s.networks.map(String) : keys(s.networks),
      ports: (Array.isArray(s.ports) ? s.ports : []).map(parsePort).filter((p) => p !== undefined),
      mounts: (Array.isArray(s.volumes) ? s.volumes : []).map((v) => parseMount(v, volumes)).filter((m) => m !== undefined),
      builds: s.build !== undefined,
      ...(typeof s.image === 'string' ? { image: s.image } : {}),
    });
  }
  return { ok: true, model: { services, networks: keys(root.networks), volumes } };
}
