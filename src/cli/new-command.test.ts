import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIo } from '../../test/support/memory-io';
import { main } from './main';

describe('grade new', () => {
  test('writes EXERCISE_ID.yaml with both languages, one check and two examples; grade validate accepts it without a warning', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-new-'));
    const { io, out } = memoryIo(dir);
    expect(await main(['new', 'my_exercise', '--exercises', 'specs'], io)).toBe(0);
    const file = path.join(dir, 'specs', 'my_exercise.yaml');
    expect(out.stderr).toBe(`created ${file}: edit it, then grade validate ${file} and grade test my_exercise --exercises ${path.join(dir, 'specs')}\n`);
    const spec = readFileSync(file, 'utf8');
    expect(spec).toMatch(/^id: my_exercise$/m);
    const validated = memoryIo(dir);
    expect(await main(['validate', file], validated.io)).toBe(0);
    expect(validated.out.stderr).toBe('1 exercise file(s) valid: my_exercise\n');
  });

  test('never over an existing file, and only an id grade accepts; in the run’s language', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-new-'));
    writeFileSync(path.join(dir, 'taken.yaml'), 'mine\n');
    const taken = memoryIo(dir);
    expect(await main(['new', 'taken', '--exercises', '.'], taken.io)).toBe(2);
    expect(taken.out.stderr).toBe(`grade: ${path.join(dir, 'taken.yaml')} already exists — choose another id, or edit that file\n`);
    expect(readFileSync(path.join(dir, 'taken.yaml'), 'utf8')).toBe('mine\n');
    const bad = memoryIo(dir);
    expect(await main(['new', 'My-Exercise', '--lang', 'it'], bad.io)).toBe(2);
    expect(bad.out.stderr).toBe('grade: l’id di un esercizio è fatto di lettere minuscole, cifre e _ e inizia con una lettera: My-Exercise\n');
  });
});
