import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import { SetupError, SpecError, type SpecProblem } from '../errors';
import { catalogueExercises } from './exercise-catalogue';
import type { Exercise, ExerciseSpec } from './exercise';
import { referencedVariables } from './variables';
import type { ProblemSink } from './yaml-document';

// The YAML parser and the schema's validator, loaded only when specs are parsed (not for the built catalogue).
const yamlDocument = () => require('./yaml-document') as typeof import('./yaml-document');
const exerciseValidatorModule = () => require('./exercise-validator') as typeof import('./exercise-validator');

/** Load-time rules the schema cannot say: unique ids, `needs` that exist and form no cycle, declared variables. */
function checkSemantics(spec: ExerciseSpec, doc: Document, sink: ProblemSink): void {
  const { nodeAt } = yamlDocument();
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
  // A check must find what it needs in every mode it runs in.
  const modesOf = (c: ExerciseSpec['checks'][number]) => c.modes ?? ['host', 'repo'];
  spec.checks.forEach((c, i) =>
    (c.needs ?? []).forEach((n, j) => {
      const dep = spec.checks.find((d) => d.id === n);
      const missing = dep ? modesOf(c).filter((m) => !modesOf(dep).includes(m)) : [];
      if (missing.length)
        sink.at(nodeAt(doc, ['checks', i, 'needs', j]), ['checks', i, 'needs', j], `needs '${n}', which does not run in ${missing.join(', ')} mode`);
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
  const { nodeAt, parseYamlFile, schemaProblems } = yamlDocument();
  const { exerciseValidator } = exerciseValidatorModule();
  for (const file of files) {
    const parsed = parseYamlFile(file, problems);
    if (!parsed) continue;
    const { doc, data, sink } = parsed;
    if (!schemaProblems(exerciseValidator(), parsed)) {
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

/** Parses spec files; any problem is fatal (exit 2, every problem listed). In catalogue order. */
export function parseExercises(files: readonly string[]): Exercise[] {
  const { exercises, problems } = loadExerciseFiles(files);
  if (problems.length) throw new SpecError(problems);
  return exercises.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.id.localeCompare(b.id));
}

/** Loads a folder of specs: from the built catalogue when it holds exactly these files, else parsed. */
export function loadExercises(dir: string): Exercise[] {
  const files = exerciseFilesIn(dir);
  return catalogueExercises(files) ?? parseExercises(files);
}
