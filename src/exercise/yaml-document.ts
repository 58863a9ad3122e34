import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { SpecProblem } from '../errors/setup-error';
import { closestWord } from '../words/closest-word';

/**
 * YAML files validated by a JSON Schema, with every problem placed at its
 * file:line:col and path (exercise specs, hosts files): the yaml package keeps
 * source positions, ajv says where in the data.
 */

export type Segment = string | number;

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
export function nodeAt(doc: Document, segs: Segment[]): Node | undefined {
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

/** A spec's typo is a longer word than a command's: a third of its letters may be off. */
function closest(word: string, candidates: string[]): string | undefined {
  return closestWord(word, candidates, Math.max(2, Math.floor(word.length / 3)))?.word;
}

export class ProblemSink {
  readonly problems: SpecProblem[] = [];
  constructor(
    readonly file: string,
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

export interface ParsedYaml {
  doc: Document;
  data: unknown;
  sink: ProblemSink;
}

/** Reads and parses a YAML file; unreadable or malformed files become problems. */
export function parseYamlFile(file: string, problems: SpecProblem[]): ParsedYaml | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push({ file, line: 1, col: 1, path: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? e}` });
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
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
    return undefined;
  }
  return { doc, data: doc.toJS(), sink: new ProblemSink(file, lines) };
}

/** Schema problems of parsed data, placed; true when there were none. */
export function schemaProblems(validate: ValidateFunction, parsed: ParsedYaml): boolean {
  if (validate(parsed.data)) return true;
  // Inside an anyOf, each failed branch reports its own errors: keep only the anyOf's.
  const errors = validate.errors ?? [];
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  for (const err of errors) if (!anyOfs.some((a) => err.schemaPath.startsWith(a))) describeAjvError(err, parsed.doc, parsed.sink);
  return false;
}
