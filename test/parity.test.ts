import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkKinds } from '../checks';
import { defaultExercisesDir } from '../src/package/package-info';
import { loadExercises } from '../src/exercise/load';
import { runGrade } from './support/run-cli';

const root = path.resolve(__dirname, '..');
// The README and the pages it links (docs/): one per reader.
const readme = [path.join(root, 'README.md'), ...readdirSync(path.join(root, 'docs')).map((f) => path.join(root, 'docs', f))]
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
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
      [
        [],
        ['list'],
        ['validate'],
        ['new'],
        ['test'],
        ['report'],
        ['init'],
        ['batch'],
        ['merge'],
        ['repo'],
        ['board'],
        ['board', 'revoke'],
        ['board', 'prune'],
        ['board', 'rotate-code'],
      ].map((cmd) => runGrade([...cmd, '--help'])),
    );
    const options = new Set(helps.flatMap((h) => [...h.stdout.matchAll(/(--[a-z-]+)/g)].map((m) => m[1]!)));
    expect(options.size).toBeGreaterThan(8);
    for (const o of options) expect([o, readme.includes(o)]).toEqual([o, true]);
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .replace(/^#+\s*/, '')
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');

describe('the README and docs/ link to each other without a broken link', () => {
  const pages = ['README.md', ...readdirSync(path.join(root, 'docs')).map((f) => `docs/${f}`)];
  test.each(pages)('%s', (page) => {
    const text = readFileSync(path.join(root, page), 'utf8');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [file, anchor] = target!.split('#');
      const resolved = file ? path.normalize(path.join(path.dirname(page), file)) : page;
      if (!existsSync(path.join(root, resolved))) {
        broken.push(target!);
        continue;
      }
      if (anchor && resolved.endsWith('.md')) {
        const anchors = readFileSync(path.join(root, resolved), 'utf8')
          .split('\n')
          .filter((l) => /^#+ /.test(l))
          .map(anchorOf);
        if (!anchors.includes(anchor)) broken.push(target!);
      }
    }
    expect(broken).toEqual([]);
  });

  test('the README stays short: at most 150 lines, the install command in its first 30', () => {
    const lines = readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
    expect(lines.length).toBeLessThanOrEqual(150);
    expect(lines.slice(0, 30).some((l) => l.startsWith('npm install -g --prefix ~/.local '))).toBe(true);
  });
});
