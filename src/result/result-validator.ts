import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { gradeResultSchema } from './schema';
import type { GradeResult } from './types';

/** Built next to this file by `npm run build`: reading the history must not compile a schema at every start. */
export const GENERATED_RESULT_VALIDATOR = path.join(__dirname, 'result-validator.generated.js');

// ajv itself only to compile (ts-jest, build); the generated validator needs only ajv's small runtime helpers.
function resultAjv(source: boolean): Ajv {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new Ajv({ strict: true, strictRequired: false, code: { source } });
  addFormats(ajv);
  return ajv;
}

let validator: ValidateFunction<GradeResult> | undefined;

/** Validates one GradeResult against the published schema: the generated module when built, else compiled now (ts-jest). */
export function gradeResultValidator(): ValidateFunction<GradeResult> {
  if (!validator) {
    validator = existsSync(GENERATED_RESULT_VALIDATOR)
      ? (require(GENERATED_RESULT_VALIDATOR) as { default: ValidateFunction<GradeResult> }).default
      : resultAjv(false).compile(gradeResultSchema);
  }
  return validator;
}

export function resultValidatorSource(): string {
  const ajv = resultAjv(true);
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  return standaloneCode(ajv, ajv.compile(gradeResultSchema));
}
