import os from 'node:os';
import path from 'node:path';
import { Ajv, type JSONSchemaType } from 'ajv';
import { SpecError, type SpecProblem } from '../errors';
import { nodeAt, parseYamlFile, schemaProblems } from '../spec/yaml-document';

interface Connection {
  port?: number;
  user?: string;
  /** Private key file (~ and paths relative to the hosts file work); without one, the ssh-agent. */
  identityFile?: string;
  /** Exercise variables for these students, e.g. dockerhub_user. */
  vars?: Record<string, string>;
}

interface HostEntry extends Connection {
  id?: string;
  name?: string;
  host?: string;
  /** Shorthand for many hosts: `devops{1..40}.example.org` (ids devops1 … devops40). */
  pattern?: string;
}

interface HostsFileData {
  defaults?: Connection;
  hosts: HostEntry[];
}

/** One student VM to grade, defaults applied. */
export interface BatchHost {
  id: string;
  name: string;
  host: string;
  port: number;
  user: string;
  identityFile?: string;
  vars: Record<string, string>;
}

const connection = {
  port: { type: 'integer', minimum: 1, maximum: 65535, nullable: true },
  user: { type: 'string', minLength: 1, nullable: true },
  identityFile: { type: 'string', minLength: 1, nullable: true },
  vars: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'string' }, propertyNames: { pattern: '^[a-z][a-z0-9_]*$' } },
} as const;

const schema: JSONSchemaType<HostsFileData> = {
  type: 'object',
  properties: {
    defaults: { type: 'object', nullable: true, properties: { ...connection }, required: [], additionalProperties: false },
    hosts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          ...connection,
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', nullable: true },
          name: { type: 'string', minLength: 1, nullable: true },
          host: { type: 'string', minLength: 1, nullable: true },
          pattern: { type: 'string', pattern: '\\{\\d+\\.\\.\\d+\\}', nullable: true },
        },
        required: [],
        additionalProperties: false,
        anyOf: [{ required: ['id', 'host'] }, { required: ['pattern'] }],
      },
    },
  },
  required: ['hosts'],
  additionalProperties: false,
};

let validate: ReturnType<Ajv['compile']> | undefined;

/** `devops{1..3}.x` → devops1.x, devops2.x, devops3.x; `{01..10}` keeps the padding. */
export function expandPattern(pattern: string): string[] {
  const m = /\{(\d+)\.\.(\d+)\}/.exec(pattern)!;
  const [from, to] = [Number(m[1]), Number(m[2])];
  const width = m[1]!.length > 1 && m[1]!.startsWith('0') ? m[1]!.length : 0;
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(pattern.replace(m[0], String(i).padStart(width, '0')));
  return out;
}

function expandPath(file: string, base: string): string {
  if (file.startsWith('~/')) return path.join(os.homedir(), file.slice(2));
  return path.resolve(base, file);
}

/**
 * Reads a class's hosts file: every problem reported with file:line:col and
 * path, like an exercise spec (exit 2).
 */
export function loadHostsFile(file: string): BatchHost[] {
  const problems: SpecProblem[] = [];
  const parsed = parseYamlFile(file, problems);
  validate ??= new Ajv({ allErrors: true, verbose: true, strictRequired: false }).compile(schema);
  if (parsed && schemaProblems(validate, parsed)) {
    const data = parsed.data as HostsFileData;
    const base = path.dirname(path.resolve(file));
    const d = data.defaults ?? {};
    const hosts: BatchHost[] = [];
    const seen = new Map<string, number>();
    data.hosts.forEach((entry, i) => {
      const names = entry.pattern ? expandPattern(entry.pattern) : [entry.host!];
      if (entry.pattern && expandPattern(entry.pattern).length === 0)
        parsed.sink.at(nodeAt(parsed.doc, ['hosts', i, 'pattern']), ['hosts', i, 'pattern'], 'the range is empty');
      for (const host of names) {
        const id = entry.pattern ? host.split('.')[0]! : entry.id!;
        if (seen.has(id)) {
          parsed.sink.at(nodeAt(parsed.doc, ['hosts', i]), ['hosts', i], `duplicate host id '${id}' (first at hosts[${seen.get(id)}])`);
          continue;
        }
        seen.set(id, i);
        const identityFile = entry.identityFile ?? d.identityFile;
        hosts.push({
          id,
          name: entry.pattern ? id : (entry.name ?? id),
          host,
          port: entry.port ?? d.port ?? 22,
          user: entry.user ?? d.user ?? os.userInfo().username,
          ...(identityFile ? { identityFile: expandPath(identityFile, base) } : {}),
          vars: { ...d.vars, ...entry.vars },
        });
      }
    });
    problems.push(...parsed.sink.problems);
    if (!problems.length) return hosts;
  } else if (parsed) problems.push(...parsed.sink.problems);
  throw new SpecError(problems, 'the hosts file', 'fix it and run grade batch again');
}

/** The K-th of N contiguous slices (K from 1), so N jobs together grade every host once. */
export function shardOf<T>(items: readonly T[], k: number, n: number): T[] {
  const size = Math.ceil(items.length / n);
  return items.slice((k - 1) * size, k * size);
}
