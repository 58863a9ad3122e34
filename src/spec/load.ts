import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { SetupError, SpecError, type SpecProblem } from '../errors';
import type { Exercise, ExerciseSpec } from './exercise';
import { exerciseValidator } from './exercise-validator';
import { referencedVariables } from './variables';

type Segment = string | number;

function segmentsOf(instancePath: string): Segment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function formatPath(segs: Segment[]): string {
  return segs.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The YAML node at a path, or the deepest existing ancestor (for a missing property). */
function nodeAt(doc: Document, segs: Segment[]): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const seg of segs) {
    if (isMap(node)) node = node.get(seg, true);
    else if (isSeq(node) && typeof seg === 'number') node = node.get(seg, true);
    else break;
    if (node) last = node as Node;
    else break;
  }
  return last;
}

/** The key node of `prop` inside the map at `segs`, to point at an unknown property itself. */
function keyNodeAt(doc: Document, segs: Segment[], prop: string): Node | undefined {
  const map = nodeAt(doc, segs);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === prop);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

function closest(word: string, candidates: string[]): string | undefined {
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length]![b.length]!;
  };
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = dist(word, c);
    if (dd < bestD) [best, bestD] = [c, dd];
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

class ProblemSink {
  readonly problems: SpecProblem[] = [];
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  at(node: Node | undefined, segs: Segment[], message: string): void {
    const offset = node?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    this.problems.push({ file: this.file, line: pos.line, col: pos.col, path: formatPath(segs), message });
  }
}

function describeAjvError(err: ErrorObject, doc: Document, sink: ProblemSink): void {
  const segs = segmentsOf(err.instancePath);
  switch (err.keyword) {
    case 'if':
      return; // the failing `then` branch reports the real problem
    case 'required':
      sink.at(nodeAt(doc, segs), segs, `missing required property '${(err.params as { missingProperty: string }).missingProperty}'`);
      return;
    case 'additionalProperties': {
      const prop = (err.params as { additionalProperty: string }).additionalProperty;
      const schema = err.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const known = Object.keys(schema?.properties ?? {});
      const guess = closest(prop, known);
      sink.at(
        keyNodeAt(doc, segs, prop) ?? nodeAt(doc, segs),
        [...segs, prop],
        `unknown property '${prop}'${guess ? ` (did you mean '${guess}'?)` : known.length ? ` (known: ${known.join(', ')})` : ''}`,
      );
      return;
    }
    case 'enum': {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const node = nodeAt(doc, segs);
      const value = isScalar(node) ? String(node.value) : '';
      const guess = closest(value, allowed);
      const what = segs[segs.length - 1] === 'kind' ? 'unknown check kind' : 'unknown value';
      sink.at(node, segs, `${what} '${value}'${guess ? ` (did you mean '${guess}'?)` : ''}; allowed: ${allowed.join(', ')}`);
      return;
    }
    case 'anyOf': {
      // The only anyOf in kinds' schemas lists alternative required properties.
      const alternatives = ((err.schema as { required?: string[] }[]) ?? []).map((s) => s.required?.join(' + ')).filter(Boolean);
      sink.at(nodeAt(doc, segs), segs, alternatives.length ? `needs one of: ${alternatives.join(', ')}` : (err.message ?? 'anyOf'));
      return;
    }
    default:
      sink.at(nodeAt(doc, segs), segs, err.message ?? err.keyword);
  }
}

/** Load-time rules the schema cannot say: unique ids, `needs` that exist and form no cycle, declared variables. */
function checkSemantics(spec: ExerciseSpec, doc: Document, sink: ProblemSink): void {
  const ids = new Map<string, number>();
  spec.checks.forEach((c, i) => {
    if (ids.has(c.id)) sink.at(nodeAt(doc, ['checks', i, 'id']), ['checks', i, 'id'], `duplicate check id '${c.id}' (first at checks[${ids.get(c.id)}])`);
    else ids.set(c.id, i);
  });
  spec.checks.forEach((c, i) =>
    (c.needs ?? []).forEach((n, j) => {
      if (n === c.id) sink.at(nodeAt(doc, ['checks', i, 'needs', j]), ['checks', i, 'needs', j], `check '${c.id}' needs itself`);
      else if (!ids.has(n))
        sink.at(nodeAt(doc, ['checks', i, 'needs', j]), ['checks', i, 'needs', j], `needs unknown check '${n}' (checks here: ${[...ids.keys()].join(', ')})`);
    }),
  );
  // Cycles: depth-first search over needs.
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map<string, { c: ExerciseSpec['checks'][number]; i: number }>();
  spec.checks.forEach((c, i) => byId.has(c.id) || byId.set(c.id, { c, i }));
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
    for (const n of byId.get(id)?.c.needs ?? []) if (byId.has(n) && n !== id) visit(n, [...trail, id]);
    state.set(id, 'done');
  };
  spec.checks.forEach((c) => visit(c.id, []));

  const declared = new Set(Object.keys(spec.variables ?? {}));
  spec.checks.forEach((c, i) => {
    for (const name of referencedVariables([c.params, c.title, c.hint ?? ''])) {
      if (!declared.has(name)) {
        sink.at(nodeAt(doc, ['checks', i]), ['checks', i], `uses \${${name}} but the exercise declares no variable '${name}' (add it under variables:)`);
      }
    }
  });
}

export interface LoadOutcome {
  exercises: Exercise[];
  problems: SpecProblem[];
}

/** Parses and validates spec files; collects every problem rather than stopping at the first. */
export function loadExerciseFiles(files: readonly string[]): LoadOutcome {
  const exercises: Exercise[] = [];
  const problems: SpecProblem[] = [];
  const seenIds = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ file, line: 1, col: 1, path: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? e}` });
      continue;
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const sink = new ProblemSink(file, lines);
    if (doc.errors.length) {
      for (const err of doc.errors) {
        const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
        problems.push({
          file,
          line: pos.line,
          col: pos.col,
          path: '',
          message: `YAML: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        });
      }
      continue;
    }
    const data: unknown = doc.toJS();
    const validate = exerciseValidator();
    if (!validate(data)) {
      // Inside an anyOf, each failed branch reports its own errors: keep only the anyOf's.
      const errors = validate.errors ?? [];
      const anyOfs = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
      for (const err of errors) if (!anyOfs.some((a) => err.schemaPath.startsWith(a))) describeAjvError(err, doc, sink);
      problems.push(...sink.problems);
      continue;
    }
    const spec = data as ExerciseSpec;
    checkSemantics(spec, doc, sink);
    const earlier = seenIds.get(spec.id);
    if (earlier) sink.at(nodeAt(doc, ['id']), ['id'], `exercise id '${spec.id}' is also defined in ${earlier}`);
    seenIds.set(spec.id, file);
    if (sink.problems.length) {
      problems.push(...sink.problems);
      continue;
    }
    exercises.push({ ...spec, file });
  }
  return { exercises, problems };
}

export function exerciseFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new SetupError(`no exercise folder at ${dir}`, 'pass --exercises DIR pointing at a folder of <id>.yaml files');
  }
  return names
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Loads a folder of specs; any problem is fatal (exit 2, every problem listed). */
export function loadExercises(dir: string): Exercise[] {
  const { exercises, problems } = loadExerciseFiles(exerciseFilesIn(dir));
  if (problems.length) throw new SpecError(problems);
  return exercises.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.id.localeCompare(b.id));
}
