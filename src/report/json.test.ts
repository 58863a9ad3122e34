import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { schemasDir } from '../package/package-info';
import { emptyResult, hostileResult, mixedResult } from '../../test/support/grade-results';
import { renderJson } from './json';

const published = JSON.parse(readFileSync(path.join(schemasDir, 'grade-result.schema.json'), 'utf8'));
const ajv = new Ajv({ strict: true, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(published);

describe('JSON result', () => {
  test('a schemaVersion 1 result written before notGraded existed is still valid', () => {
    const older = mixedResult();
    expect('notGraded' in older).toBe(false);
    expect(validate(JSON.parse(renderJson(older)))).toBe(true);
  });

  test.each([
    ['pass/fail/skip/error and bonus', mixedResult()],
    ['hostile strings', hostileResult()],
    ['an empty run', emptyResult()],
    ['exercises left out (optional notGraded)', { ...mixedResult(), notGraded: [{ id: 'docker_hub_push', title: 'Push', reason: 'needs dockerhub_user' }] }],
  ])('%s: valid against the published schema and equal to the result', (_, result) => {
    const text = renderJson(result);
    const doc = JSON.parse(text);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc).toEqual(result);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
