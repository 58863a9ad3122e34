import type { ValidateFunction } from 'ajv';
import { gradeResultSchema } from '../result/schema';
import { exerciseScore, totalScore, type GradeResult } from '../result/types';
import type { BoardExercise } from './board-state';

/** A check as the catalogue defines it: what a result may claim for it. */
export interface CatalogueCheck {
  id: string;
  points: number;
  bonus: boolean;
}

/** A column of the board, with every check of its exercise (all modes): what a push is checked against. */
export interface CatalogueExercise extends BoardExercise {
  scoring: CatalogueCheck[];
}

/** Caps of a pushed result: whatever a student sends, one result costs the board at most this much to hold or show. */
export const RESULT_CAPS = { string: 4096, items: 256, evidenceDepth: 8, evidenceItems: 64 };

type Schema = Record<string, unknown>;

/**
 * Any JSON value, nested at most `depth` deep: one definition per level, the
 * last holding scalars only. A validator that never recurses further than
 * this cannot be made to overflow its stack, and neither can what stores it.
 */
function boundedAnyValue(depth: number): Record<string, Schema> {
  const defs: Record<string, Schema> = {};
  for (let level = depth; level >= 0; level--) {
    const scalars: Schema[] = [{ type: 'string', maxLength: RESULT_CAPS.string }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }];
    const next = { $ref: `#/definitions/anyValue${level + 1}` };
    defs[`anyValue${level}`] = {
      anyOf:
        level === depth
          ? scalars
          : [
              ...scalars,
              { type: 'array', maxItems: RESULT_CAPS.evidenceItems, items: next },
              {
                type: 'object',
                maxProperties: RESULT_CAPS.evidenceItems,
                propertyNames: { maxLength: 256 },
                additionalProperties: next,
              },
            ],
    };
  }
  return defs;
}

/** The published schema with a length on every string and array, and evidence nested at most RESULT_CAPS.evidenceDepth deep. */
export function boardResultSchema(): Schema {
  const cap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(cap);
    if (!node || typeof node !== 'object') return node;
    const out: Schema = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'definitions' ? v : cap(v);
    if (out.$ref === '#/definitions/anyValue') out.$ref = '#/definitions/anyValue0';
    if (out.type === 'string' && out.maxLength === undefined && out.format === undefined && out.enum === undefined) out.maxLength = RESULT_CAPS.string;
    if (out.type === 'array' && out.maxItems === undefined) out.maxItems = RESULT_CAPS.items;
    return out;
  };
  const schema = cap(gradeResultSchema) as Schema;
  delete schema.$id;
  schema.definitions = boundedAnyValue(RESULT_CAPS.evidenceDepth);
  return schema;
}

let validator: ValidateFunction<GradeResult> | undefined;

/** Compiled once, when a board starts (the board is the instructor's; students' runs never load it). */
export function boardResultValidator(): ValidateFunction<GradeResult> {
  if (!validator) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
    const ajv = new Ajv({ strict: true, strictRequired: false, strictTypes: false });
    addFormats(ajv);
    validator = ajv.compile<GradeResult>(boardResultSchema());
  }
  return validator;
}

/** At most 80 characters of a pushed id in an answer: the answer must not echo a 4 KiB string. */
const shown = (id: string) => JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);

/**
 * Why the board refuses a result that passed the schema, or undefined: every
 * exercise and check must be in the catalogue, each check worth what the
 * catalogue says, and every score the sum the grader would have computed.
 */
export function catalogueProblem(result: GradeResult, catalogue: ReadonlyMap<string, CatalogueExercise>): string | undefined {
  const seen = new Set<string>();
  for (const e of result.exercises) {
    const known = catalogue.get(e.id);
    if (!known) return `unknown exercise ${shown(e.id)}: not in the board's catalogue`;
    if (seen.has(e.id)) return `exercise ${shown(e.id)} appears twice`;
    seen.add(e.id);
    const checkSeen = new Set<string>();
    for (const c of e.checks) {
      const spec = known.scoring.find((k) => k.id === c.id);
      if (!spec) return `unknown check ${shown(c.id)} in exercise ${e.id}`;
      if (checkSeen.has(c.id)) return `check ${shown(c.id)} of ${e.id} appears twice`;
      checkSeen.add(c.id);
      if (c.maxPoints !== spec.points || Boolean(c.bonus) !== spec.bonus)
        return `check ${e.id}/${c.id} is worth ${spec.points}${spec.bonus ? ' (bonus)' : ''}, not ${c.maxPoints}`;
      if (c.points > c.maxPoints || (c.status !== 'pass' && c.points > 0)) return `check ${e.id}/${c.id}: ${c.points} points of ${c.maxPoints} (${c.status})`;
    }
    const score = exerciseScore(e.checks);
    if (e.score.points !== score.points || e.score.max !== score.max)
      return `exercise ${e.id}: score ${e.score.points}/${e.score.max}, but its checks make ${score.points}/${score.max}`;
  }
  const total = totalScore(result.exercises);
  if (result.score.points !== total.points || result.score.max !== total.max)
    return `score ${result.score.points}/${result.score.max}, but its exercises make ${total.points}/${total.max}`;
  return undefined;
}
