import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkKinds } from '../checks';
import { defaultExercisesDir } from '../src/package/package-info';
import { loadExercises } from '../src/exercise/load';
import { runGrade } from './support/run-cli';

const root = path.resolve(__dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const kindFiles = readdirSync(path.join(root, 'checks')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');

/** Like ESLint's build checks: a kind is not done without its index entry, its tests and its docs. */
describe('every check kind is indexed, tested and documented', () => {
  test('each file in checks/ is in the index under its own name, and the index has nothing else', () => {
    expect(kindFiles.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(Object.keys(checkKinds).sort());
  });

  test('each index entry loads the kind its name says (the index loads kinds lazily, by file name)', () => {
    for (const [name, kind] of Object.entries(checkKinds)) expect([name, kind.meta.kind]).toEqual([name, name]);
  });

  for (const kind of Object.keys(checkKinds)) {
    test(`${kind}: a CheckTester test file and a README row`, () => {
      // Kinds that ask an engine are tested against one (testCheckKind, in an .engine.test.ts file, run in band);
      // kinds that read a repository's files are tested without (testRepoKind, a plain .test.ts file).
      const engineTest = path.join(root, 'checks', `${kind}.engine.test.ts`);
      const fileTest = path.join(root, 'checks', `${kind}.test.ts`);
      expect([engineTest, fileTest].filter(existsSync).length).toBe(1);
      if (existsSync(engineTest)) expect(readFileSync(engineTest, 'utf8')).toMatch(/testCheckKind\(kind, \{/);
      else expect(readFileSync(fileTest, 'utf8')).toMatch(/testRepoKind\(kind, \[/);
      expect(readme).toContain(`| \`${kind}\` |`);
    });
  }

  test('every exercise has a row in the README', () => {
    for (const e of loadExercises(defaultExercisesDir)) expect([e.id, readme.includes(`| \`${e.id}\` |`)]).toEqual([e.id, true]);
  });

  test('every CLI option is in the README', async () => {
    const helps = await Promise.all(
      [[], ['list'], ['validate'], ['new'], ['test'], ['report'], ['init'], ['batch'], ['merge'], ['repo'], ['board'], ['board', 'revoke']].map((cmd) =>
        runGrade([...cmd, '--help']),
      ),
    );
    const options = new Set(helps.flatMap((h) => [...h.stdout.matchAll(/(--[a-z-]+)/g)].map((m) => m[1]!)));
    expect(options.size).toBeGreaterThan(8);
    for (const o of options) expect([o, readme.includes(o)]).toEqual([o, true]);
  });
});
