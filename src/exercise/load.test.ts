import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultExercisesDir } from '../package/package-info';
import { exerciseFilesIn, loadExerciseFiles, loadExercises, loadExercisesToGrade, type BrokenSpec } from './load';
import { SpecError } from '../errors/setup-error';

const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-spec-test-'));
let n = 0;
function specFile(text: string): string {
  const f = path.join(dir, `spec${n++}.yaml`);
  writeFileSync(f, text);
  return f;
}
function problemsOf(text: string) {
  const file = specFile(text);
  return loadExerciseFiles([file]).problems.map((p) => ({ ...p, file: path.basename(p.file) }));
}

const header = `id: demo
title: Demo
slides: [Some slide]
checks:
`;

describe('loading exercise specs', () => {
  test('the bundled exercises are valid', () => {
    const exercises = loadExercises(defaultExercisesDir);
    expect(exercises.map((e) => e.id)).toEqual(
      expect.arrayContaining(['ubuntu_with_ping', 'web_server', 'wordpress_compose', 'bridge_isolation', 'memory_limits']),
    );
  });

  test('a valid spec loads with its checks', () => {
    const file = specFile(`${header}  - id: a
    title: Image exists
    kind: image.exists
    points: 10
    params: { image: ubuntu }
`);
    const { exercises, problems } = loadExerciseFiles([file]);
    expect(problems).toEqual([]);
    expect(exercises[0]).toMatchObject({ id: 'demo', checks: [{ id: 'a', kind: 'image.exists', params: { image: 'ubuntu' } }] });
  });

  test('bad YAML: position of the syntax error', () => {
    const [p] = problemsOf('id: demo\ntitle: [unclosed\n');
    expect(p).toMatchObject({ line: 3, message: expect.stringMatching(/^YAML: /) });
  });

  test('a wrong parameter is reported at its line and column with its path', () => {
    const problems = problemsOf(`${header}  - id: a
    title: Image exists
    kind: image.exists
    points: 10
    params:
      imgae: ubuntu
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 10, col: 7, path: 'checks[0].params.imgae', message: "unknown property 'imgae' (did you mean 'image'?)" }),
        expect.objectContaining({ line: 10, path: 'checks[0].params', message: "missing required property 'image'" }),
      ]),
    );
  });

  test('a parameter of the wrong type', () => {
    const [p] = problemsOf(`${header}  - id: a
    title: Page
    kind: http.get
    points: 10
    params: { port: "eighty" }
`);
    expect(p).toMatchObject({ line: 9, path: 'checks[0].params.port', message: 'must be integer' });
  });

  test('an unknown kind suggests the closest', () => {
    const [p] = problemsOf(`${header}  - id: a
    title: Image exists
    kind: image.exist
    points: 10
    params: { image: ubuntu }
`);
    expect(p).toMatchObject({
      line: 7,
      col: 11,
      path: 'checks[0].kind',
      message: expect.stringMatching(/^unknown check kind 'image.exist' \(did you mean 'image.exists'\?\); allowed: /),
    });
  });

  test('duplicate ids, dangling needs and cycles', () => {
    const problems = problemsOf(`${header}  - { id: a, title: A, kind: image.exists, points: 1, params: { image: x }, needs: [b] }
  - { id: b, title: B, kind: image.exists, points: 1, params: { image: x }, needs: [a] }
  - { id: a, title: C, kind: image.exists, points: 1, params: { image: x } }
  - { id: d, title: D, kind: image.exists, points: 1, params: { image: x }, needs: [nothing] }
`);
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual(
      expect.arrayContaining([
        [7, 'checks[2].id', "duplicate check id 'a' (first at checks[0])"],
        [8, 'checks[3].needs[0]', "needs unknown check 'nothing' (checks here: a, b, d)"],
        [5, 'checks[0].needs', 'needs form a cycle: a → b → a'],
      ]),
    );
  });

  test('a variable must be declared', () => {
    const [p] = problemsOf(`${header}  - { id: a, title: A, kind: image.exists, points: 1, params: { image: "\${dockerhub_user}/olss_2021" } }
`);
    expect(p).toMatchObject({ line: 5, path: 'checks[0]', message: expect.stringContaining("declares no variable 'dockerhub_user'") });
  });

  test('needs one of the alternatives (image.history: origin or steps)', () => {
    const [p] = problemsOf(`${header}  - { id: a, title: A, kind: image.history, points: 1, params: { image: x } }
`);
    expect(p).toMatchObject({ path: 'checks[0].params', message: 'needs one of: origin, steps, atMost' });
  });

  test('the same exercise id in two files', () => {
    const spec = `${header}  - { id: a, title: A, kind: image.exists, points: 1, params: { image: x } }\n`;
    const { problems } = loadExerciseFiles([specFile(spec), specFile(spec)]);
    expect(problems).toEqual([expect.objectContaining({ line: 1, path: 'id', message: expect.stringContaining("exercise id 'demo' is also defined in") })]);
  });

  test('a folder with a bad file is a SpecError listing every problem', () => {
    const bad = mkdtempSync(path.join(os.tmpdir(), 'grade-spec-bad-'));
    writeFileSync(path.join(bad, 'one.yaml'), 'id: Bad-Id\n');
    expect(exerciseFilesIn(bad)).toHaveLength(1);
    let err: unknown;
    try {
      loadExercises(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const line = (err as SpecError).line();
    expect(line).toMatch(/one\.yaml:1:5: id: must match pattern/);
    expect(line).toMatch(/one\.yaml:1:1: \(root\): missing required property 'title'/);
  });

  test('a schema error does not hide the rules after it: unknown needs, a cycle and a duplicate id of the same file come in the same run', () => {
    const problems = problemsOf(`${header}  - { id: a, title: A, kind: image.exists, points: 1, params: { imgae: x }, needs: [b] }
  - { id: b, title: B, kind: image.exists, points: 1, params: { image: x }, needs: [a] }
  - { id: a, title: C, kind: image.exists, points: 1, params: { image: x } }
  - { id: d, title: D, kind: image.exists, points: 1, params: { image: x }, needs: [nothing, 7] }
`);
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [5, 'checks[0].params', "missing required property 'image'"],
      [5, 'checks[0].params.imgae', "unknown property 'imgae' (did you mean 'image'?)"],
      [8, 'checks[3].needs[1]', 'must be string'],
      [7, 'checks[2].id', "duplicate check id 'a' (first at checks[0])"],
      [8, 'checks[3].needs[0]', "needs unknown check 'nothing' (checks here: a, b, d)"],
      [5, 'checks[0].needs', 'needs form a cycle: a → b → a'],
    ]);
  });

  test('an exercise id is claimed even by a spec the schema refuses: the duplicate in another file is reported too', () => {
    const { problems, broken } = loadExerciseFiles([
      specFile(`${header}  - { id: a, title: A, kind: image.exist, points: 1, params: { image: x } }\n`),
      specFile(`${header}  - { id: a, title: A, kind: image.exists, points: 1, params: { image: x } }\n`),
    ]);
    expect(problems.map((p) => p.path)).toEqual(['checks[0].kind', 'id']);
    expect(broken.map((b) => [b.id, b.problems.length])).toEqual([
      ['demo', 1],
      ['demo', 1],
    ]);
  });
});

describe('loading a folder to grade, with a broken spec in it', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'grade-spec-folder-'));
  writeFileSync(
    path.join(folder, 'good.yaml'),
    header.replace('demo', 'good') + '  - { id: a, title: A, kind: image.exists, points: 1, params: { image: x } }\n',
  );
  writeFileSync(path.join(folder, 'broken.yaml'), 'id: broken\ntitle: [unclosed\n');

  test('the others are loaded and the broken one is passed on, under its file name when it has no readable id', () => {
    const seen: BrokenSpec[] = [];
    expect(loadExercisesToGrade(folder, ['good'], (b) => seen.push(b)).map((e) => e.id)).toEqual(['good']);
    expect(loadExercisesToGrade(folder, [], () => undefined).map((e) => e.id)).toEqual(['good']);
    expect(seen).toEqual([{ file: path.join(folder, 'broken.yaml'), id: 'broken', problems: [expect.objectContaining({ line: 3 })] }]);
  });

  test('asking for the broken one is a SpecError with its problems', () => {
    expect(() => loadExercisesToGrade(folder, ['good', 'broken'], () => undefined)).toThrow(SpecError);
    let err: unknown;
    try {
      loadExercisesToGrade(folder, ['broken'], () => undefined);
    } catch (e) {
      err = e;
    }
    expect((err as SpecError).line()).toMatch(/broken\.yaml:3:1: \(root\): YAML: .*\n1 problem in exercise specs — fix them and run `grade validate` again$/);
  });
});
