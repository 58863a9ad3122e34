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

  test('a folder: a schema error, an unknown needs, a cycle and a duplicate id are all reported in one run, with positions', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-validate-'));
    writeFileSync(
      path.join(dir, 'alpha.yaml'),
      `id: alpha
title: Alpha
slides: [Dockerfiles]
checks:
  - { id: image, title: I, kind: image.exists, points: 1, params: { imgae: demo } }
  - { id: runs, title: R, kind: image.exists, points: 1, params: { image: demo }, needs: [nothere] }
  - { id: one, title: O, kind: image.exists, points: 1, params: { image: demo }, needs: [two] }
  - { id: two, title: T, kind: image.exists, points: 1, params: { image: demo }, needs: [one] }
`,
    );
    writeFileSync(
      path.join(dir, 'beta.yaml'),
      'id: alpha\ntitle: Beta\nslides: [Dockerfiles]\nchecks:\n  - { id: image, title: I, kind: image.exists, points: 1, params: { image: demo } }\n',
    );
    const { io, out } = memoryIo(dir);
    expect(await main(['validate', '--exercises', dir], io)).toBe(2);
    const alpha = path.join(dir, 'alpha.yaml');
    expect(out.stderr.trim().split('\n')).toEqual([
      `${alpha}:5:67: checks[0].params: missing required property 'image'`,
      `${alpha}:5:69: checks[0].params.imgae: unknown property 'imgae' (did you mean 'image'?)`,
      `${alpha}:6:91: checks[1].needs[0]: needs unknown check 'nothere' (checks here: image, runs, one, two)`,
      `${alpha}:7:89: checks[2].needs: needs form a cycle: one → two → one`,
      `${path.join(dir, 'beta.yaml')}:1:5: id: exercise id 'alpha' is also defined in ${alpha}`,
      '5 problems in 2 file(s)',
    ]);
  });

  test('its own lines in Italian under an Italian locale', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-validate-'));
    const file = path.join(dir, 'demo.yaml');
    writeFileSync(file, SPEC(''));
    const { io, out } = memoryIo(dir, { LANG: 'it_IT.UTF-8' });
    expect(await main(['validate', file], io)).toBe(0);
    expect(out.stderr.trim().split('\n')).toEqual([
      `${file}: title_it: manca il testo italiano (avviso; si mostra quello inglese)`,
      `${file}: checks[0].hint_it: manca il testo italiano (avviso; si mostra quello inglese)`,
      'file di esercizi validi: 1 (demo); avvisi: 2',
    ]);
  });
});
