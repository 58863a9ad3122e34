import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultExercisesDir } from '../package/package-info';
import { catalogueExercises, catalogueSource } from './exercise-catalogue';
import { exerciseFilesIn, parseExercises } from './load';

const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-catalogue-'));
const catalogueFile = path.join(dir, 'catalogue.json');
const shipped = exerciseFilesIn(defaultExercisesDir);
writeFileSync(catalogueFile, catalogueSource(shipped, parseExercises(shipped)));

describe('the built exercise catalogue', () => {
  test('gives exactly what parsing the shipped specs gives, files included', () => {
    expect(catalogueExercises(shipped, catalogueFile)).toEqual(parseExercises(shipped));
  });

  test('is not used for a folder whose specs differ by one byte, nor for one with a spec more', () => {
    const copy = path.join(dir, 'changed');
    cpSync(defaultExercisesDir, copy, { recursive: true });
    const same = exerciseFilesIn(copy);
    // The same bytes elsewhere: the catalogue holds, pointing at this folder's files.
    expect(catalogueExercises(same, catalogueFile)?.map((e) => e.file)).toEqual(parseExercises(same).map((e) => e.file));
    const first = same[0]!;
    writeFileSync(first, readFileSync(first, 'utf8').replace(/title: /, 'title:  '));
    expect(catalogueExercises(exerciseFilesIn(copy), catalogueFile)).toBeUndefined();
    writeFileSync(first, readFileSync(path.join(defaultExercisesDir, path.basename(first))));
    writeFileSync(path.join(copy, 'zz_extra.yaml'), readFileSync(first));
    expect(catalogueExercises(exerciseFilesIn(copy), catalogueFile)).toBeUndefined();
  });

  test('is not used when it was never built (the sources under ts-jest)', () => {
    expect(catalogueExercises(shipped, path.join(dir, 'absent.json'))).toBeUndefined();
  });
});
