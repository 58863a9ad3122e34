import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadExerciseFiles } from './load';

const spec = (examples: string) => `id: demo
title: Demo
slides: [Dockerfiles]
checks:
  - id: image
    title: Image demo exists
    kind: image.exists
    points: 10
    params: { image: demo }
  - id: built
    title: the repository builds
    kind: repo.step
    modes: [repo]
    points: 10
    params: { step: build }
examples:
${examples}`;

function problems(examples: string): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-examples-schema-'));
  writeFileSync(path.join(dir, 'next-to-it.txt'), 'x');
  const file = path.join(dir, 'demo.yaml');
  writeFileSync(file, spec(examples));
  return loadExerciseFiles([file]).problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
}

describe('examples in a spec', () => {
  test('full, or the checks that fail with words of their messages; files inline or next to the spec', () => {
    expect(
      problems(`  - name: slide
    setup: docker build -t demo .
    files: { Dockerfile: "FROM ubuntu\\n", notes.txt: { from: next-to-it.txt } }
    expect: full
  - name: mistake
    setup: |
      docker tag ubuntu demo
    vars: { user: alice }
    timeoutSeconds: 30
    expect: { fail: [image], messages: { image: no image } }
`),
    ).toEqual([]);
  });

  test('a check they name must exist and run on a host; a file from next to the spec must be there; paths stay inside', () => {
    const found = problems(`  - name: wrong
    setup: docker tag ubuntu demo
    files: { ../escape: x, missing.txt: { from: not-there.txt } }
    expect: { fail: [imag, built], messages: { nope: x } }
  - name: no expectation
    setup: true
`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/examples\[0\]\.expect\.fail\[0\]: names no check of this exercise that runs on a host: 'imag'/),
        expect.stringMatching(/examples\[0\]\.expect\.fail\[1\]: names no check of this exercise that runs on a host: 'built'/),
        expect.stringMatching(/examples\[0\]\.expect\.messages\.nope: names no check/),
        expect.stringMatching(/examples\[0\]\.files\.missing\.txt\.from: no file not-there\.txt next to the spec/),
        expect.stringMatching(/examples\[0\]\.files/),
        expect.stringMatching(/examples\[1\]/),
      ]),
    );
  });
});
