import { writeFileSync } from 'node:fs';
import { defaultExercisesDir } from '../package/package-info';
import { catalogueSource, CATALOGUE_FILE } from './exercise-catalogue';
import { exerciseFilesIn, parseExercises } from './load';

// Part of `npm run build`, after the validator: a spec problem in exercises/ fails the build here.
const files = exerciseFilesIn(defaultExercisesDir);
writeFileSync(CATALOGUE_FILE, catalogueSource(files, parseExercises(files)));
