import { phrase } from '../messages/phrase';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type JSONSchemaType } from 'ajv';
import braces from 'braces';
import { SetupError, SpecError, type SpecProblem } from '../errors/setup-error';
import { nodeAt, parseYamlFile, schemaProblems } from '../exercise/yaml-document';

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
  /**
   * Shorthand for many hosts: `devops{1..40}.example.org` (ids devops1 … devops40,
   * the first name label); `10.0.0.{3..5}` (ids the whole addresses, since the
   * first label is the same for all).
   */
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

/** What a host id may be, written or derived from a pattern: it names the host's folder in a batch's output. */
const HOST_ID = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
/** More hosts than any class: a typo such as `{1..10000}` is an error, not ten thousand SSH attempts. */
const MAX_PATTERN_HOSTS = 1000;

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
          id: { type: 'string', pattern: HOST_ID, nullable: true },
          name: { type: 'string', minLength: 1, nullable: true },
          host: { type: 'string', minLength: 1, nullable: true },
          // One range, so the count of hosts is the range's, which braces caps.
          pattern: { type: 'string', pattern: '^[^{}]*\\{\\d+\\.\\.\\d+\\}[^{}]*$', nullable: true },
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
        properties: { id: { type: 'string', pattern: HOST_ID }, name: { type: 'string', minLength: 1, nullable: true } },
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

/** `devops{1..3}.x` → devops1.x, devops2.x, devops3.x; `{01..10}` keeps the padding; at most MAX_PATTERN_HOSTS names. */
export function expandPattern(pattern: string): string[] {
  return braces(pattern, { expand: true, rangeLimit: MAX_PATTERN_HOSTS });
}

/** Ids for a pattern's hosts: the first name label when that tells them apart (devops7), else the whole name (10.0.0.7). */
function patternIds(hosts: string[]): string[] {
  const labels = hosts.map((h) => h.split('.')[0]!);
  return new Set(labels).size === hosts.length ? labels : hosts;
}

function expandPath(file: string, base: string): string {
  if (file.startsWith('~/')) return path.join(os.homedir(), file.slice(2));
  return path.resolve(base, file);
}

/**
 * Reads a class file: every problem reported with file:line:col and path,
 * like an exercise spec (exit 2). Ids are unique across hosts and students.
 */
export function loadClassFile(file: string, what: 'hosts' | 'class' = 'class'): ClassMember[] {
  const problems: SpecProblem[] = [];
  const parsed = parseYamlFile(file, problems);
  validate ??= new Ajv({ allErrors: true, verbose: true, strictRequired: false }).compile(schema);
  if (parsed && schemaProblems(validate, parsed)) {
    const data = parsed.data as HostsFileData;
    const base = path.dirname(path.resolve(file));
    const d = data.defaults ?? {};
    const members: ClassMember[] = [];
    const seen = new Map<string, string>();
    (data.hosts ?? []).forEach((entry, i) => {
      const at = entry.pattern ? ['hosts', i, 'pattern'] : ['hosts', i];
      const problem = (message: string) => parsed.sink.at(nodeAt(parsed.doc, at), at, message);
      let names = [entry.host!];
      if (entry.pattern) {
        try {
          names = expandPattern(entry.pattern);
        } catch {
          return problem(`the pattern gives more than ${MAX_PATTERN_HOSTS} hosts`);
        }
      }
      const ids = entry.pattern ? patternIds(names) : [entry.id!];
      names.forEach((host, k) => {
        const id = ids[k]!;
        // A written id is checked by the schema; one derived from a pattern is checked here, the same way.
        if (!new RegExp(HOST_ID).test(id))
          return problem(`the pattern gives the host id '${id}'; ids are letters, digits, '.', '_' and '-', starting with a letter or digit`);
        if (seen.has(id)) return problem(`duplicate host id '${id}' (first at ${seen.get(id)})`);
        seen.set(id, `hosts[${i}]`);
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
      });
    });
    (data.students ?? []).forEach((entry, i) => {
      const first = seen.get(entry.id);
      if (first) return parsed.sink.at(nodeAt(parsed.doc, ['students', i]), ['students', i], `duplicate student id '${entry.id}' (first at ${first})`);
      seen.set(entry.id, `students[${i}]`);
      members.push({ id: entry.id, name: entry.name ?? entry.id });
    });
    problems.push(...parsed.sink.problems);
    if (!problems.length) return members;
  } else if (parsed) problems.push(...parsed.sink.problems);
  throw new SpecError(
    problems,
    phrase(what === 'hosts' ? 'error.hostsFile' : 'error.classFile'),
    phrase('error.classFileAdvice', { command: what === 'hosts' ? 'batch' : 'board' }),
  );
}

/** The hosts of a class file, for grading over SSH; students without a host are not graded by batch. */
export function loadHostsFile(file: string): BatchHost[] {
  const hosts = loadClassFile(file, 'hosts').flatMap((m) => (m.host ? [m.host] : []));
  if (!hosts.length) throw new SetupError(phrase('error.noHosts', { file }), phrase('error.noHostsAdvice'));
  return hosts;
}

/** The K-th of N contiguous slices (K from 1), so N jobs together grade every host once. */
export function shardOf<T>(items: readonly T[], k: number, n: number): T[] {
  const size = Math.ceil(items.length / n);
  return items.slice((k - 1) * size, k * size);
}
