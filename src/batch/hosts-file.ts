import os from 'node:os';
import path from 'node:path';
import { Ajv, type JSONSchemaType } from 'ajv';
import { SetupError, SpecError, type SpecProblem } from '../errors';
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

/** A student without a VM the instructor reaches: they send their own results to the board. */
interface StudentEntry {
  id: string;
  name?: string;
}

interface HostsFileData {
  defaults?: Connection;
  hosts?: HostEntry[];
  students?: StudentEntry[];
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

/** Everyone in a class file (the board's roster): hosts first, then the students without one. */
export interface ClassMember {
  id: string;
  name: string;
  /** Absent for a student listed under `students:` (no SSH host). */
  host?: BatchHost;
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
      nullable: true,
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
    students: {
      type: 'array',
      nullable: true,
      minItems: 1,
      items: {
        type: 'object',
        properties: { id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }, name: { type: 'string', minLength: 1, nullable: true } },
        required: ['id'],
        additionalProperties: false,
      },
    },
  },
  required: [],
  anyOf: [{ required: ['hosts'] }, { required: ['students'] }],
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
 * Reads a class file: every problem reported with file:line:col and path,
 * like an exercise spec (exit 2). Ids are unique across hosts and students.
 */
export function loadClassFile(file: string, what = 'the class file'): ClassMember[] {
  const problems: SpecProblem[] = [];
  const parsed = parseYamlFile(file, problems);
  validate ??= new Ajv({ allErrors: true, verbose: true, strictRequired: false }).compile(schema);
  if (parsed && schemaProblems(validate, parsed)) {
    const data = parsed.data as HostsFileData;
    const base = path.dirname(path.resolve(file));
    const d = data.defaults ?? {};
    const members: ClassMember[] = [];
    const seen = new Map<string, string>();
    const unique = (id: string, segs: (string | number)[]) => {
      const first = seen.get(id);
      if (first) parsed.sink.at(nodeAt(parsed.doc, segs), segs, `duplicate ${segs[0] === 'hosts' ? 'host' : 'student'} id '${id}' (first at ${first})`);
      else seen.set(id, `${segs[0]}[${segs[1]}]`);
      return !first;
    };
    (data.hosts ?? []).forEach((entry, i) => {
      const names = entry.pattern ? expandPattern(entry.pattern) : [entry.host!];
      if (entry.pattern && names.length === 0) parsed.sink.at(nodeAt(parsed.doc, ['hosts', i, 'pattern']), ['hosts', i, 'pattern'], 'the range is empty');
      for (const host of names) {
        const id = entry.pattern ? host.split('.')[0]! : entry.id!;
        if (!unique(id, ['hosts', i])) continue;
        const identityFile = entry.identityFile ?? d.identityFile;
        const name = entry.pattern ? id : (entry.name ?? id);
        members.push({
          id,
          name,
          host: {
            id,
            name,
            host,
            port: entry.port ?? d.port ?? 22,
            user: entry.user ?? d.user ?? os.userInfo().username,
            ...(identityFile ? { identityFile: expandPath(identityFile, base) } : {}),
            vars: { ...d.vars, ...entry.vars },
          },
        });
      }
    });
    (data.students ?? []).forEach((entry, i) => {
      if (unique(entry.id, ['students', i])) members.push({ id: entry.id, name: entry.name ?? entry.id });
    });
    problems.push(...parsed.sink.problems);
    if (!problems.length) return members;
  } else if (parsed) problems.push(...parsed.sink.problems);
  throw new SpecError(problems, what, 'fix it and run the command again');
}

/** The hosts of a class file, for grading over SSH; students without a host are not graded by batch. */
export function loadHostsFile(file: string): BatchHost[] {
  const hosts = loadClassFile(file, 'the hosts file').flatMap((m) => (m.host ? [m.host] : []));
  if (!hosts.length) throw new SetupError(`${file} lists no hosts`, 'grade batch grades the entries under hosts: over SSH; add them');
  return hosts;
}

/** The K-th of N contiguous slices (K from 1), so N jobs together grade every host once. */
export function shardOf<T>(items: readonly T[], k: number, n: number): T[] {
  const size = Math.ceil(items.length / n);
  return items.slice((k - 1) * size, k * size);
}
