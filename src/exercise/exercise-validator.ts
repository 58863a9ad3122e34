import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { checkKinds } from '../../checks';
import { buildExerciseSchema } from './schema';

/** Built next to this file by `npm run build`, so `grade` does not compile the schema at every start. */
export const GENERATED_VALIDATOR = path.join(__dirname, 'exercise-validator.generated.js');

function exerciseAjv(source: boolean): Ajv {
  // verbose: errors carry their schema, for "did you mean" and anyOf messages.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, code: { source } });
  addFormats(ajv);
  return ajv;
}

function schemaAndHash() {
  const schema = buildExerciseSchema(checkKinds);
  return { schema, hash: createHash('sha256').update(JSON.stringify(schema)).digest('hex') };
}

let validator: ValidateFunction | undefined;

/**
 * The exercise schema's validator: the generated module when it was generated
 * from the schema as it is now (same hash), otherwise compiled now — a plain
 * `tsc` rebuild, or ts-jest running the sources, must never use a stale one.
 */
export function exerciseValidator(): ValidateFunction {
  if (!validator) {
    const { schema, hash } = schemaAndHash();
    const generated = existsSync(GENERATED_VALIDATOR) ? (require(GENERATED_VALIDATOR) as { default: ValidateFunction; schemaHash?: string }) : undefined;
    validator = generated?.schemaHash === hash ? generated.default : exerciseAjv(false).compile(schema);
  }
  return validator;
}

/** The validator's JavaScript source, stamped with the hash of the schema it validates. */
export function exerciseValidatorSource(): string {
  const { schema, hash } = schemaAndHash();
  const ajv = exerciseAjv(true);
  return `${standaloneCode(ajv, ajv.compile(schema))}\nmodule.exports.schemaHash = ${JSON.stringify(hash)};\n`;
}
