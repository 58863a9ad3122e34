import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exerciseScaffold } from '../src/cli/new-command';
import type { ExampleOutcome } from '../src/examples/run-examples';
import { exerciseFilesIn, parseExercises } from '../src/exercise/load';
import { defaultExercisesDir } from '../src/package/package-info';
import { engineResetAfterEach } from './support/host-state';
import { useTestRegistry } from './support/registry-fixture';
import { runGrade } from './support/run-cli';
import { sh } from './support/shell';

interface TestReport {
  examples: ExampleOutcome[];
  agree: number;
  count: number;
}

const { registry } = useTestRegistry();
const lines = (stderr: string) => stderr.trim().split('\n');

/** A folder holding one exercise: the scaffold of `grade new`, its examples replaced by `examples` (YAML text). */
function scaffoldWith(examples: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-examples-'));
  const scaffold = exerciseScaffold('demo');
  writeFileSync(path.join(dir, 'demo.yaml'), `${scaffold.slice(0, scaffold.indexOf('\nexamples:\n'))}\nexamples:\n${examples}`);
  return dir;
}

describe('grade test', () => {
  engineResetAfterEach();

  test("every shipped exercise's examples agree with the grader: at least one at full marks and one not, each", async () => {
    const shipped = parseExercises(exerciseFilesIn(defaultExercisesDir));
    expect(shipped).toHaveLength(12);
    for (const e of shipped) {
      expect([e.id, e.examples?.some((x) => x.expect === 'full')]).toEqual([e.id, true]);
      expect([e.id, e.examples?.some((x) => x.expect !== 'full')]).toEqual([e.id, true]);
    }
    const r = await runGrade(['test', '--json', '--registry', registry().url]);
    const report = JSON.parse(r.stdout) as TestReport;
    const count = shipped.reduce((n, e) => n + e.examples!.length, 0);
    expect(report.examples.filter((o) => !o.agrees).map((o) => lines(r.stderr).find((l) => l.includes(`${o.exercise} › ${o.example}:`)))).toEqual([]);
    expect(report.count).toBe(count);
    expect(report.agree).toBe(count);
    // One line per example, then the summary.
    expect(lines(r.stderr).filter((l) => l.startsWith('✔ '))).toHaveLength(count);
    expect(lines(r.stderr).at(-1)).toBe(`${count} of ${count} examples agree with the grader`);
    expect(r.code).toBe(0);
  }, 1_200_000);

  test('an example that expects full marks on a mistake fails, with a line naming the check that disagreed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-examples-'));
    cpSync(path.join(defaultExercisesDir, 'portainer.yaml'), path.join(dir, 'portainer.yaml'));
    const spec = readFileSync(path.join(dir, 'portainer.yaml'), 'utf8');
    writeFileSync(
      path.join(dir, 'portainer.yaml'),
      `${spec.slice(0, spec.indexOf('\nexamples:\n'))}
examples:
  - name: restart policy no, said to be full marks
    setup: |
      docker volume create portainer_data
      docker run -d -p 8080:9000 --name=portainer -v /var/run/docker.sock:/var/run/docker.sock -v portainer_data:/data portainer/portainer-ce
    expect: full
`,
    );
    const r = await runGrade(['test', '--exercises', dir, '--json']);
    expect(lines(r.stderr)[0]).toBe(
      '✘ portainer › restart policy no, said to be full marks: 85/100, not passed: restart (failed) — the example says restart passes, the grader says failed: portainer has restart policy no, not always',
    );
    const report = JSON.parse(r.stdout) as TestReport;
    expect(report.examples[0]!.differences).toEqual([
      { kind: 'shouldPass', check: 'restart', got: 'fail', message: 'portainer has restart policy no, not always' },
    ]);
    expect(r.code).toBe(1);
    // In Italian too.
    const it = await runGrade(['test', '--exercises', dir, '--lang', 'it']);
    expect(lines(it.stderr)[0]).toMatch(/^✘ portainer › .* — l’esempio dice che restart è superato, il correttore dice non superato/);
  });

  test('grade new writes a spec that grade validate and grade test accept as written; an engine holding others’ objects is refused, or left alone when allowed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-new-'));
    expect((await runGrade(['new', 'my_exercise', '--exercises', dir])).code).toBe(0);
    expect((await runGrade(['new', 'my_exercise', '--exercises', dir])).code).toBe(2);
    const validate = await runGrade(['validate', path.join(dir, 'my_exercise.yaml')]);
    expect([validate.code, validate.stderr.trim()]).toEqual([0, '1 exercise file(s) valid: my_exercise']);
    const tested = await runGrade(['test', '--exercises', dir]);
    expect(lines(tested.stderr)).toEqual([
      '✔ my_exercise › as the slide says: full marks (100/100)',
      '✔ my_exercise › the port is not published: 0/100, not passed: web (failed)',
      '2 of 2 examples agree with the grader',
    ]);
    expect(tested.code).toBe(0);

    await sh('docker volume create someone-elses && docker run -d --name someone-elses nginx');
    const refused = await runGrade(['test', '--exercises', dir]);
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(
        /^grade: the engine holds objects grade test did not make: container \w{12}, volume someone-elses — .*--engine-may-hold-other-objects/,
      ),
    ]);
    const before = await sh("docker ps -a --format '{{.ID}} {{.Names}} {{.State}}'; docker volume ls -q");
    // The other nginx already publishes nothing, so the examples' own web containers decide the verdicts.
    const allowed = await runGrade(['test', '--exercises', dir, '--engine-may-hold-other-objects']);
    expect(allowed.code).toBe(0);
    expect(await sh("docker ps -a --format '{{.ID}} {{.Names}} {{.State}}'; docker volume ls -q")).toBe(before);
  });

  test('the images an example needs are named in one line before anything starts, and none is pulled', async () => {
    const dir = scaffoldWith(`  - name: from an image that is not here
    setup: docker run -d --name web -p 8080:80 nosuch/image
    expect: full
  - name: built from another missing one
    files: { Dockerfile: "FROM nosuch/base:1.0\\n" }
    setup: docker build -t web .
    expect: full
`);
    const r = await runGrade(['test', '--exercises', dir]);
    expect([r.code, lines(r.stderr)]).toEqual([
      2,
      [
        'grade: images the examples need are not on the engine: nosuch/image, nosuch/base:1.0 — grade test never pulls: docker pull (or docker load) them first',
      ],
    ]);
    expect(await sh('docker ps -aq')).toBe('');
  });

  test('a setup that hangs fails its example with a clear line; what it made is removed', async () => {
    const dir = scaffoldWith(`  - name: hangs
    timeoutSeconds: 3
    setup: |
      docker run -d --name web -p 8080:80 nginx
      sleep 600
    expect: full
  - name: as the slide says
    setup: docker run -d --name web -p 8080:80 nginx
    expect: full
`);
    const r = await runGrade(['test', '--exercises', dir]);
    expect(lines(r.stderr)[0]).toMatch(
      /^✘ demo › hangs: setup did not finish in 3 s \(a command hangs, or an interactive shell was left open: type exit\): .*sleep 600/,
    );
    // The next example starts clean: its web is the only one.
    expect(lines(r.stderr)[1]).toBe('✔ demo › as the slide says: full marks (100/100)');
    expect(r.code).toBe(1);
    expect(await sh('docker ps -aq')).toBe('');
  });

  test('Ctrl-C stops the example under way and leaves nothing behind', async () => {
    const dir = scaffoldWith(`  - name: slow
    setup: |
      docker network create demo-net
      docker volume create demo-volume
      docker run -d --name web -p 8080:80 --network demo-net -v demo-volume:/data nginx
      docker tag nginx demo-image
      sleep 600
    expect: full
`);
    let pid = 0;
    const running = runGrade(['test', '--exercises', dir], { onSpawn: (p) => (pid = p) });
    for (let i = 0; i < 100 && !(await sh('docker images -q demo-image')).trim(); i++) await new Promise((r) => setTimeout(r, 200));
    process.kill(pid, 'SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('grade test interrupted; what the examples made was removed');
    expect(await sh('docker ps -aq; docker network ls -q --filter name=demo-net; docker volume ls -q; docker images -q demo-image')).toBe('');
  });
});
