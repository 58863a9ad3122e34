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

let validator: ValidateFunction | undefined;

/**
 * The exercise schema's validator: the generated module when there is one
 * (built JavaScript), otherwise compiled now (ts-jest running the sources).
 */
export function exerciseValidator(): ValidateFunction {
  if (!validator) {
    validator = existsSync(GENERATED_VALIDATOR)
      ? (require(GENERATED_VALIDATOR) as { default: ValidateFunction }).default
      : exerciseAjv(false).compile(buildExerciseSchema(checkKinds));
  }
  return validator;
}

/** The validator's JavaScript source, from the kinds' schemas as they are now. */
export function exerciseValidatorSource(): string {
  const ajv = exerciseAjv(true);
  return standaloneCode(ajv, ajv.compile(buildExerciseSchema(checkKinds)));
}
