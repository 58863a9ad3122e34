import { phrase } from '../messages/phrase';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import { SetupError, SpecError, type SpecProblem } from '../errors/setup-error';
import { catalogueExercises } from './exercise-catalogue';
import type { Exercise, ExerciseSpec, GradingMode } from './exercise';
import { referencedVariables } from './variables';
import type { ProblemSink } from './yaml-document';

// The YAML parser and the schema's validator, loaded only when specs are parsed (not for the built catalogue).
const yamlDocument = () => require('./yaml-document') as typeof import('./yaml-document');
const exerciseValidatorModule = () => require('./exercise-validator') as typeof import('./exercise-validator');

/** What the load-time rules read of one check; undefined where the schema would refuse the value. */
interface CheckOutline {
  id: string | undefined;
  needs: (string | undefined)[];
  modes: GradingMode[];
  texts: unknown[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The checks of a spec as far as they can be read, index for index, whether or
 * not the schema accepted the spec: so a schema error does not hide an unknown
 * `needs`, a cycle or a duplicate id of the same file (one run shows them all).
 */
function outlineChecks(data: unknown): CheckOutline[] {
  const checks = isRecord(data) && Array.isArray(data.checks) ? data.checks : [];
  return checks.map((c: unknown) => {
    const r = isRecord(c) ? c : {};
    return {
      id: typeof r.id === 'string' ? r.id : undefined,
      needs: Array.isArray(r.needs) ? r.needs.map((n: unknown) => (typeof n === 'string' ? n : undefined)) : [],
      modes: Array.isArray(r.modes) ? r.modes.filter((m: unknown): m is GradingMode => m === 'host' || m === 'repo') : ['host', 'repo'],
      texts: [r.params, r.title, r.hint ?? '', r.hint_command ?? ''],
    };
  });
}

/** Load-time rules the schema cannot say: unique ids, `needs` that exist and form no cycle, declared variables. */
function checkSemantics(data: unknown, doc: Document, sink: ProblemSink): void {
  const { nodeAt } = yamlDocument();
  const checks = outlineChecks(data);
  const ids = new Map<string, number>();
  checks.forEach((c, i) => {
    if (c.id === undefined) return;
    if (ids.has(c.id)) sink.at(nodeAt(doc, ['checks', i, 'id']), ['checks', i, 'id'], `duplicate check id '${c.id}' (first at checks[${ids.get(c.id)}])`);
    else ids.set(c.id, i);
  });
  checks.forEach((c, i) =>
    c.needs.forEach((n, j) => {
      if (n === undefined) return;
      if (n === c.id) sink.at(nodeAt(doc, ['checks', i, 'needs', j]), ['checks', i, 'needs', j], `check '${c.id}' needs itself`);
      else if (!ids.has(n))
        sink.at(nodeAt(doc, ['checks', i, 'needs', j]), ['checks', i, 'needs', j], `needs unknown check '${n}' (checks here: ${[...ids.keys()].join(', ')})`);
    }),
  );
  // A check must find what it needs in every mode it runs in.
  checks.forEach((c, i) =>
    c.needs.forEach((n, j) => {
      const dep = checks.find((d) => d.id !== undefined && d.id === n);
      const missing = dep ? c.modes.filter((m) => !dep.modes.includes(m)) : [];
      if (missing.length)
        sink.at(nodeAt(doc, ['checks', i, 'needs', j]), ['checks', i, 'needs', j], `needs '${n}', which does not run in ${missing.join(', ')} mode`);
    }),
  );

  // Cycles: depth-first search over needs.
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map<string, { c: CheckOutline; i: number }>();
  checks.forEach((c, i) => c.id === undefined || byId.has(c.id) || byId.set(c.id, { c, i }));
  const reported = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const key = [...cycle].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        const at = byId.get(id)!;
        sink.at(nodeAt(doc, ['checks', at.i, 'needs']), ['checks', at.i, 'needs'], `needs form a cycle: ${cycle.join(' → ')}`);
      }
      return;
    }
    state.set(id, 'visiting');
    for (const n of byId.get(id)?.c.needs ?? []) if (n !== undefined && byId.has(n) && n !== id) visit(n, [...trail, id]);
    state.set(id, 'done');
  };
  byId.forEach((_, id) => visit(id, []));

  exampleSemantics(data, doc, sink, checks);

  const declared = new Set(isRecord(data) && isRecord(data.variables) ? Object.keys(data.variables) : []);
  checks.forEach((c, i) => {
    for (const name of referencedVariables(c.texts)) {
      if (!declared.has(name)) {
        sink.at(nodeAt(doc, ['checks', i]), ['checks', i], `uses \${${name}} but the exercise declares no variable '${name}' (add it under variables:)`);
      }
    }
  });
}

/** An example names checks that exist and run on a host (examples are graded as `grade` grades), and files that exist. */
function exampleSemantics(data: unknown, doc: Document, sink: ProblemSink, checks: CheckOutline[]): void {
  const { nodeAt } = yamlDocument();
  const examples = isRecord(data) && Array.isArray(data.examples) ? data.examples : [];
  const hostChecks = checks.filter((c) => c.id !== undefined && c.modes.includes('host')).map((c) => c.id!);
  const specDir = path.dirname(sink.file);
  examples.forEach((e: unknown, i) => {
    if (!isRecord(e)) return;
    const expect = isRecord(e.expect) ? e.expect : {};
    const named = (key: 'fail' | 'messages', ids: unknown[]) =>
      ids.forEach((id, j) => {
        if (typeof id !== 'string' || hostChecks.includes(id)) return;
        const at = key === 'fail' ? ['examples', i, 'expect', key, j] : ['examples', i, 'expect', key, id];
        sink.at(nodeAt(doc, at), at, `names no check of this exercise that runs on a host: '${id}' (checks: ${hostChecks.join(', ')})`);
      });
    if (Array.isArray(expect.fail)) named('fail', expect.fail);
    if (isRecord(expect.messages)) named('messages', Object.keys(expect.messages));
    if (isRecord(e.files))
      for (const [name, f] of Object.entries(e.files)) {
        if (isRecord(f) && typeof f.from === 'string' && !existsSync(path.resolve(specDir, f.from)))
          sink.at(nodeAt(doc, ['examples', i, 'files', name, 'from']), ['examples', i, 'files', name, 'from'], `no file ${f.from} next to the spec`);
      }
  });
}

/** A spec file that did not load, under the id it claims (else its file name's). */
export interface BrokenSpec {
  file: string;
  id: string;
  problems: SpecProblem[];
}

export interface LoadOutcome {
  exercises: Exercise[];
  /** Every problem of every file, in file order. */
  problems: SpecProblem[];
  broken: BrokenSpec[];
}

/** The id a spec claims, or its file name's (`<id>.yaml`) when it claims none readable. */
function claimedId(file: string, data: unknown): string {
  return isRecord(data) && typeof data.id === 'string' ? data.id : path.basename(file).replace(/\.ya?ml$/, '');
}

/** Parses and validates spec files; collects every problem of every file rather than stopping at the first. */
export function loadExerciseFiles(files: readonly string[]): LoadOutcome {
  const exercises: Exercise[] = [];
  const broken: BrokenSpec[] = [];
  const seenIds = new Map<string, string>();
  const { nodeAt, parseYamlFile, schemaProblems } = yamlDocument();
  const { exerciseValidator } = exerciseValidatorModule();
  for (const file of files) {
    const yamlProblems: SpecProblem[] = [];
    const parsed = parseYamlFile(file, yamlProblems);
    if (!parsed) {
      broken.push({ file, id: claimedId(file, undefined), problems: yamlProblems });
      continue;
    }
    const { doc, data, sink } = parsed;
    // Schema first, then the rules it cannot say, on what of the spec can be read: all in one run.
    schemaProblems(exerciseValidator(), parsed);
    checkSemantics(data, doc, sink);
    const id = claimedId(file, data);
    if (isRecord(data) && typeof data.id === 'string') {
      const earlier = seenIds.get(id);
      if (earlier) sink.at(nodeAt(doc, ['id']), ['id'], `exercise id '${id}' is also defined in ${earlier}`);
      else seenIds.set(id, file);
    }
    if (sink.problems.length) broken.push({ file, id, problems: [...sink.problems] });
    else exercises.push({ ...(data as ExerciseSpec), file });
  }
  return { exercises, problems: broken.flatMap((b) => b.problems), broken };
}

export function exerciseFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new SetupError(phrase('error.noExerciseFolder', { dir }), phrase('error.noExerciseFolderAdvice'));
  }
  return names
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()
    .map((n) => path.join(dir, n));
}

const inCourseOrder = (exercises: Exercise[]) => exercises.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.id.localeCompare(b.id));

/** Parses spec files; any problem is fatal (exit 2, every problem listed). In catalogue order. */
export function parseExercises(files: readonly string[]): Exercise[] {
  const { exercises, problems } = loadExerciseFiles(files);
  if (problems.length) throw new SpecError(problems);
  return inCourseOrder(exercises);
}

/** Loads a folder of specs: from the built catalogue when it holds exactly these files, else parsed. */
export function loadExercises(dir: string): Exercise[] {
  const files = exerciseFilesIn(dir);
  return catalogueExercises(files) ?? parseExercises(files);
}

/**
 * Loads a folder to grade `ids` (none: every exercise). A broken spec does not
 * stop the others: it is left out and passed to `onBroken` — unless it is one
 * of the asked-for ids, or nothing else is left, which is fatal (SpecError, exit 2).
 */
export function loadExercisesToGrade(dir: string, ids: readonly string[], onBroken: (spec: BrokenSpec) => void): Exercise[] {
  const files = exerciseFilesIn(dir);
  const built = catalogueExercises(files);
  if (built) return built;
  const { exercises, broken } = loadExerciseFiles(files);
  const asked = broken.filter((b) => ids.includes(b.id));
  if (asked.length || (broken.length && !exercises.length)) throw new SpecError((asked.length ? asked : broken).flatMap((b) => b.problems));
  broken.forEach(onBroken);
  return inCourseOrder(exercises);
}
