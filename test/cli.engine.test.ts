import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { gradeResultSchema } from '../src/result/schema';
import type { GradeResult } from '../src/result/types';
import { runGrade } from './support/run-cli';

const NO_STACK = /\n\s+at .+\(.*:\d+:\d+\)/;

/** An expected failure: exit 2, one line on stderr, no stack trace, nothing on stdout. */
function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(NO_STACK);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(pattern);
}

describe('grade CLI', () => {
  test('--version and --help exit 0', async () => {
    const v = await runGrade(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = await runGrade(['--help']);
    expect(h.code).toBe(0);
    for (const opt of ['--json', '--out', '--no-reports', '--var', '--host', '--exercises', '--concurrency', '--timeout', '--student'])
      expect(h.stdout).toContain(opt);
    for (const cmd of ['list', 'validate']) expect(h.stdout).toContain(cmd);
  });

  test('on an empty host: no points but the ubuntu image, a hint on every failed check, exit 1, one JSON document, reports written', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'grade-out-'));
    const r = await runGrade(['--json', '--out', out]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as GradeResult; // the whole of stdout is the document
    // Only the test engine's ubuntu stand-in counts: first_steps' "ubuntu is on the host".
    const passed = result.exercises.flatMap((e) => e.checks.filter((c) => c.status === 'pass').map((c) => `${e.id}/${c.id}`));
    expect(passed).toEqual(['first_steps/ubuntu']);
    expect(result.score.points).toBe(30);
    // Every exercise but docker_hub_push, which needs a Docker Hub user and says so.
    expect(result.exercises.map((e) => e.id)).toEqual([
      'first_steps',
      'ubuntu_with_ping',
      'web_server',
      'volumes',
      'wordpress_compose',
      'network_none',
      'bridge_isolation',
      'process_management',
      'memory_limits',
      'logging',
      'portainer',
    ]);
    expect(r.stderr).toContain(
      'not graded: docker_hub_push needs dockerhub_user — pass --var dockerhub_user=alice, set GRADE_VAR_DOCKERHUB_USER, or run grade init',
    );
    const failed = result.exercises.flatMap((e) => e.checks).filter((c) => c.status === 'fail');
    expect(failed.length).toBeGreaterThan(5);
    for (const c of failed) expect([c.id, Boolean(c.hint), Boolean(c.slide)]).toEqual([c.id, true, true]);
    // With --json on stdout, the human summary goes to stderr.
    expect(r.stderr).toContain('Total 30/1100');
    expect(r.stderr).toContain('→ ');
    expect(existsSync(path.join(out, 'grade-report.html'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, 'grade-result.json'), 'utf8'))).toEqual(result);
  });

  test('--json output validates against the published JSON Schema, which is the typed one', async () => {
    const published = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'schemas', 'grade-result.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(gradeResultSchema)));
    const ajv = new Ajv({ strict: true, strictRequired: false });
    addFormats(ajv);
    const validate = ajv.compile(published);
    const r = await runGrade(['memory_limits', 'web_server', '--json', '--no-reports']);
    const doc = JSON.parse(r.stdout);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  test('colours: none when NO_COLOR is set or the stream is not a terminal, on with FORCE_COLOR; the summary on stdout', async () => {
    const plain = await runGrade(['memory_limits', '--no-reports']);
    expect(plain.stdout + plain.stderr).not.toMatch(/\x1b\[/);
    // Without --json the summary is the primary output: `grade > out.txt` and `grade | less` keep it.
    expect(plain.stdout).toMatch(/^Total \d+\/\d+/m);
    expect(plain.stderr).not.toContain('Total');
    const forced = await runGrade(['memory_limits', '--no-reports'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[/);
  });

  test('--format and the attempt history: runs append, --no-history does not, grade report renders without an engine', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'grade-formats-'));
    const history = path.join(out, 'history.jsonl');
    const first = await runGrade(['memory_limits', '--out', out, '--format', 'junit,csv,gradescope'], { env: { GRADE_HISTORY: history } });
    expect([0, 1]).toContain(first.code);
    expect(readdirSync(out).sort()).toEqual(['grade-junit.xml', 'grade-scores.csv', 'history.jsonl', 'results.json']);
    expect(first.stderr).toContain(`history: ${history}`);
    expect(readFileSync(path.join(out, 'grade-junit.xml'), 'utf8')).toContain('<testsuite name="memory_limits"');
    await runGrade(['memory_limits', '--no-reports'], { env: { GRADE_HISTORY: history } });
    await runGrade(['memory_limits', '--no-reports', '--no-history'], { env: { GRADE_HISTORY: history } });
    const lines = readFileSync(history, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3); // the header and two runs
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'grade-history', version: 1 });

    const again = path.join(out, 'again');
    const report = await runGrade(['report', '--out', again], { env: { GRADE_HISTORY: history, DOCKER_HOST: 'unix:///tmp/grade-no-such.sock' } });
    expect(report.code).toBe(0);
    expect(readFileSync(path.join(again, 'grade-report.html'), 'utf8')).toContain('Earlier attempts, most recent first');
    expect(JSON.parse(readFileSync(path.join(again, 'grade-result.json'), 'utf8')).exercises.map((e: { id: string }) => e.id)).toEqual(['memory_limits']);
  });

  test('an unknown --format and a damaged history: exit 2 with one line, before grading', async () => {
    expectOneLineError(await runGrade(['--format', 'html,pdf']), /^grade: unknown report format "pdf" — known formats: html, json, junit, csv, gradescope$/);
    const bad = path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-bad-history-')), 'history.jsonl');
    writeFileSync(bad, 'not a history\n');
    expectOneLineError(
      await runGrade(['memory_limits', '--no-reports'], { env: { GRADE_HISTORY: bad } }),
      /^grade: history .*: is not a grade history file — /,
    );
    expect(readFileSync(bad, 'utf8')).toBe('not a history\n');
  });

  test('list shows every exercise with its points; --json and --kinds', async () => {
    const r = await runGrade(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ubuntu_with_ping .*\(100 points\)$/m);
    expect(r.stdout).toMatch(/^\s+40\s+ping\s+ping works/m);
    const j = JSON.parse((await runGrade(['list', '--json'])).stdout) as { id: string; maxPoints: number }[];
    expect(j.every((e) => e.maxPoints === 100)).toBe(true);
    const k = await runGrade(['list', '--kinds']);
    expect(k.stdout).toMatch(/^network\.reachability\s+/m);
  });

  test('unknown exercise id', async () => {
    expectOneLineError(
      await runGrade(['web_srver']),
      /^grade: unknown exercise "web_srver" — did you mean web_server\? `grade list` shows them; known ids: first_steps, ubuntu_with_ping, docker_hub_push, /,
    );
  });

  test('a malformed --var', async () => {
    expectOneLineError(await runGrade(['--var', 'dockerhub_user']), /^grade: bad --var "dockerhub_user" — write it as --var name=value/);
  });

  test('an unknown option is a usage error (exit 2), one line with the grade: prefix', async () => {
    expectOneLineError(await runGrade(['--bogus']), /^grade: unknown option --bogus — grade --help shows how to use it$/);
  });

  test('no engine at DOCKER_HOST', async () => {
    expectOneLineError(
      await runGrade([], { env: { DOCKER_HOST: 'unix:///tmp/grade-no-such.sock' } }),
      /^grade: no Docker engine answers at unix:\/\/\/tmp\/grade-no-such\.sock — start it/,
    );
  });

  test('an engine that accepts connections but never answers', async () => {
    const server = net.createServer(() => undefined); // accepts, says nothing
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const t0 = Date.now();
      expectOneLineError(await runGrade(['--host', `tcp://127.0.0.1:${port}`]), /did not answer within 5 s — check that it is healthy/);
      expect(Date.now() - t0).toBeLessThan(15_000);
    } finally {
      server.close();
    }
  });

  test('no permission on the socket (a user outside the docker group)', async () => {
    const r = await runGrade(['--no-reports'], { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] });
    // The tests' engine: DOCKER_HOST under a private engine, else the default socket.
    const socket = (process.env.DOCKER_HOST || 'unix:///var/run/docker.sock').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    expectOneLineError(r, new RegExp(`^grade: permission denied on the Docker socket ${socket} — add yourself to the docker group`));
  });

  describe('exercise specs', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-cli-specs-'));
    const good = path.join(dir, 'good');
    const bad = path.join(dir, 'bad');
    beforeAll(() => {
      for (const d of [good, bad]) require('node:fs').mkdirSync(d);
      writeFileSync(
        path.join(good, 'push.yaml'),
        `id: push
title: Pushed
slides: [Pushing images to Docker Hub (2)]
variables:
  dockerhub_user: { description: your Docker Hub user name, example: alice }
checks:
  - id: tagged
    title: "\${dockerhub_user}/olss_2021 exists"
    kind: image.exists
    points: 10
    params: { image: "\${dockerhub_user}/olss_2021:ubuntu_with_ping_1.0" }
`,
      );
      writeFileSync(
        path.join(bad, 'broken.yaml'),
        'id: broken\ntitle: Broken\nslides: [x]\nchecks:\n  - id: a\n    title: A\n    kind: image.exists\n    points: ten\n    params: {}\n',
      );
      writeFileSync(
        path.join(dir, 'typos.yaml'),
        'id: typos\ntitle: Typos\nslides: [x]\nchecks:\n  - { id: a, title: A, kind: image.exists, points: 1, params: { imgae: x } }\n  - { id: b, title: B, kind: image.history, points: 1, params: { image: x } }\n',
      );
    });

    test('validate: every problem as file:line:col: path: message, exit 2', async () => {
      const r = await runGrade(['validate', path.join(bad, 'broken.yaml')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${path.join(bad, 'broken.yaml')}:8:13: checks[0].points: must be integer`);
      expect(r.stderr).toContain(`${path.join(bad, 'broken.yaml')}:9:13: checks[0].params: missing required property 'image'`);
      expect(r.stderr).not.toMatch(NO_STACK);
    });

    test('validate (built, generated validator): suggestions and alternatives', async () => {
      const r = await runGrade(['validate', path.join(dir, 'typos.yaml')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`typos.yaml:5:65: checks[0].params.imgae: unknown property 'imgae' (did you mean 'image'?)`);
      expect(r.stderr).toContain(`typos.yaml:6:64: checks[1].params: needs one of: origin, steps, atMost`);
    });

    test('validate: the bundled specs are valid', async () => {
      const r = await runGrade(['validate']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/12 exercise file\(s\) valid/);
    });

    test('grading with a broken spec folder exits 2 and lists the problems', async () => {
      const r = await runGrade(['--exercises', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('broken.yaml:8:13: checks[0].points: must be integer');
      expect(r.stderr).not.toMatch(NO_STACK);
    });

    test('a missing variable says which and how to give it; --var or GRADE_VAR_ supplies it', async () => {
      expectOneLineError(
        await runGrade(['--exercises', good, 'push']),
        /^grade: exercise push needs dockerhub_user \(your Docker Hub user name\) — pass --var dockerhub_user=alice, set GRADE_VAR_DOCKERHUB_USER, or run grade init$/,
      );
      const withVar = await runGrade(['--exercises', good, '--var', 'dockerhub_user=alice', '--json', '--no-reports']);
      const result = JSON.parse(withVar.stdout) as GradeResult;
      expect(result.exercises[0]!.checks[0]).toMatchObject({
        title: 'alice/olss_2021 exists',
        message: 'There is no image alice/olss_2021:ubuntu_with_ping_1.0 on this Docker host',
      });
      const fromEnv = await runGrade(['--exercises', good, '--json', '--no-reports'], { env: { GRADE_VAR_DOCKERHUB_USER: 'bob' } });
      expect((JSON.parse(fromEnv.stdout) as GradeResult).exercises[0]!.checks[0]!.title).toBe('bob/olss_2021 exists');
    });
  });
});
