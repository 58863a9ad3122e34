import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIo } from '../../test/support/memory-io';
import { main } from './main';

const SPEC = (extra: string) => `id: demo
title: Demo
${extra}slides: [Dockerfiles]
checks:
  - id: image
    title: Image demo exists
    title_it: L'immagine demo esiste
    kind: image.exists
    points: 10
    params: { image: demo }
    hint: docker build -t demo .
`;

describe('grade validate and translations', () => {
  test('a missing Italian text is a warning: listed with its path, exit 0', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-validate-'));
    const file = path.join(dir, 'demo.yaml');
    writeFileSync(file, SPEC(''));
    const { io, out } = memoryIo(dir);
    expect(await main(['validate', file], io)).toBe(0);
    expect(out.stderr.trim().split('\n')).toEqual([
      `${file}: title_it: no Italian text (warning; English is shown)`,
      `${file}: checks[0].hint_it: no Italian text (warning; English is shown)`,
      '1 exercise file(s) valid: demo; 2 warning(s)',
    ]);
  });

  test('fully translated: no warning; an empty translation is an error of the schema', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-validate-'));
    const file = path.join(dir, 'demo.yaml');
    writeFileSync(
      file,
      SPEC('title_it: Prova\n').replace('hint: docker build -t demo .\n', 'hint: docker build -t demo .\n    hint_it: docker build -t demo .\n'),
    );
    const ok = memoryIo(dir);
    expect(await main(['validate', file], ok.io)).toBe(0);
    expect(ok.out.stderr).toBe('1 exercise file(s) valid: demo\n');

    writeFileSync(file, SPEC("title_it: ''\n"));
    const bad = memoryIo(dir);
    expect(await main(['validate', file], bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/demo\.yaml:3:\d+: \/?title_it: /);
  });
});
