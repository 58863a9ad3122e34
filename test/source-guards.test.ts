import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Patterns that broke a promise of the README once, refused in the sources
 * with the file, the line and what to use instead.
 */
const ROOT = path.resolve(__dirname, '..');

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules' && name !== 'fixtures') yield* sources(full);
    } else if (/\.(ts|js|mjs|cjs)$/.test(name)) yield full;
  }
}

/** `file:line: text` of every code line matching `pattern` in `folders`, except files under `exempt`. */
function linesMatching(pattern: RegExp, folders: string[], exempt: string, skip: (rel: string) => boolean = () => false): string[] {
  const found: string[] = [];
  for (const folder of folders) {
    for (const file of sources(path.join(ROOT, folder))) {
      const rel = path.relative(ROOT, file);
      if (rel.startsWith(exempt) || skip(rel)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Comments may name what they replace.
          if (pattern.test(line) && !/^\s*(\/\/|\/?\*)/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  return found;
}

const report = (advice: string, found: string[]) => (found.length ? `${advice} Found:\n${found.join('\n')}` : '');

describe('guards over the sources', () => {
  test('no AbortSignal.timeout or AbortSignal.any outside src/time', () => {
    const found = linesMatching(
      /AbortSignal\.(timeout|any)\b/,
      ['src', 'checks', 'bench', 'test'],
      path.join('src', 'time') + path.sep,
      (rel) => rel === path.join('test', 'source-guards.test.ts'),
    );
    expect(
      report(
        'Node 20 holds AbortSignal.timeout weakly and AbortSignal.any does not hold its sources: after a GC such a limit never fires (nodejs/node issue 57736). ' +
          'Use startDeadline, within or linkedAbort from src/time/deadline.ts, and dispose it when the work ends.',
        found,
      ),
    ).toBe('');
  });

  test('no recursive mkdir in grade itself outside src/files/make-folder.ts', () => {
    const found = linesMatching(/mkdir(Sync)?\(.*recursive: true/, ['src', 'checks'], path.join('src', 'files', 'make-folder.ts'), (rel) =>
      /\.test\.ts$/.test(rel),
    );
    expect(
      report("Node 20's recursive mkdir loops for ever at 100 % CPU under /proc, deaf to Ctrl-C. Use makeFolder from src/files/make-folder.ts.", found),
    ).toBe('');
  });
});
