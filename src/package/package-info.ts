import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The project root, found by walking up from this file: the same code runs from
 * `src/` under ts-jest and from `dist/src/` once built, so a fixed `..` is wrong
 * in one of the two.
 */
function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'grade') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json of grade not found above ${start}`);
    dir = parent;
  }
}

export const packageRoot = findPackageRoot(__dirname);

const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

export const grader = { name: pkg.name, version: pkg.version } as const;
export const defaultExercisesDir = path.join(packageRoot, 'exercises');
export const templatesDir = path.join(packageRoot, 'templates');
export const schemasDir = path.join(packageRoot, 'schemas');
