import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '../package/package-info';

/**
 * The Compose Specification's own JSON Schema (compose-spec project,
 * `schema/compose-spec.json`, Apache-2.0), shipped in `schemas/`: it knows
 * today's top-level keys (`name`, `include`, `develop`, `x-` extensions) that
 * `docker compose config` accepts. It is draft-07; ajv has no draft-07
 * meta-schema by that URL, so the `$schema` key is dropped before compiling.
 */
export const COMPOSE_SPEC_FILE = path.join(schemasDir, 'compose-spec.json');

let validator: ValidateFunction | undefined;

/** The compose specification's JSON Schema, compiled once. */
export function composeSpecValidator(): ValidateFunction {
  if (!validator) {
    const { $schema: _drafted, ...schema } = JSON.parse(readFileSync(COMPOSE_SPEC_FILE, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true });
    validator = ajv.compile(schema);
  }
  return validator;
}
