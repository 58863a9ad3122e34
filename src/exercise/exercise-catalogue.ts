import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from './exercise';

/**
 * The shipped exercises, parsed and validated by `npm run build` into one JSON
 * file next to this one, so `grade` reads one file instead of parsing twelve
 * YAML documents and validating them at every start. Other folders (and the
 * sources under ts-jest, where no catalogue is built) are parsed as before.
 */
export const CATALOGUE_FILE = path.join(__dirname, 'exercise-catalogue.generated.json');

interface Catalogue {
  /** What the catalogue was built from: spec file names and bytes. */
  specsHash: string;
  /** In catalogue order; `file` is the spec's name within its folder. */
  exercises: Exercise[];
}

function specsHash(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(path.basename(f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

/** The catalogue's exercises when it was built from exactly these files (same names, same bytes); otherwise undefined. */
export function catalogueExercises(files: readonly string[], catalogueFile = CATALOGUE_FILE): Exercise[] | undefined {
  if (!files.length || !existsSync(catalogueFile)) return undefined;
  const catalogue = JSON.parse(readFileSync(catalogueFile, 'utf8')) as Catalogue;
  if (catalogue.specsHash !== specsHash(files)) return undefined;
  const dir = path.dirname(files[0]!);
  return catalogue.exercises.map((e) => ({ ...e, file: path.join(dir, e.file) }));
}

/** The catalogue's text for these files and the exercises loaded (validated, in order) from them. */
export function catalogueSource(files: readonly string[], exercises: readonly Exercise[]): string {
  const catalogue: Catalogue = { specsHash: specsHash(files), exercises: exercises.map((e) => ({ ...e, file: path.basename(e.file) })) };
  return `${JSON.stringify(catalogue)}\n`;
}
