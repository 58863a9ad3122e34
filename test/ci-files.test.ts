import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { parseDockerfile } from '../src/repo/dockerfile';
import { PRACTICE_RULES } from '../src/repo/dockerfile-practices';
import { runGrade } from './support/run-cli';

const ROOT = path.join(__dirname, '..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

// GitLab's own CI schema (app/assets/javascripts/editor/schema/ci.json), kept as test data.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateCi = ajv.compile(JSON.parse(read('test/fixtures/schemas/gitlab-ci.json')) as object);

const errorsOf = (doc: unknown) => (validateCi(doc) ? [] : (validateCi.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('CI files', () => {
  test.each(['.gitlab-ci.yml', 'ci/student.gitlab-ci.yml'])('%s follows GitLab CI schema', (file) => {
    expect(errorsOf(parse(read(file)))).toEqual([]);
  });

  test('the schema is not a pushover: a misspelt keyword and a wrong artifacts type are refused', () => {
    const doc = parse(read('ci/student.gitlab-ci.yml')) as Record<string, Record<string, unknown>>;
    expect(errorsOf({ ...doc, grade: { ...doc.grade, scripts: ['grade repo .'] } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...doc, grade: { ...doc.grade, artifacts: { reports: { junit: 5 } } } }).length).toBeGreaterThan(0);
  });

  test('the student job runs grade repo with options the CLI has, and publishes the JUnit file grade writes', async () => {
    const doc = parse(read('ci/student.gitlab-ci.yml')) as Record<string, { script?: string[]; artifacts?: { reports?: { junit?: string } } }>;
    const script = doc['.grade']!.script!.join('\n');
    const help = await runGrade(['repo', '--help']);
    for (const option of script.match(/--[a-z-]+/g) ?? []) expect(help.stdout).toContain(option);
    const out = /--out (\S+)/.exec(script)![1]!;
    expect(doc['.grade']!.artifacts!.reports!.junit).toBe(`${out}/grade-junit.xml`);
  });

  test('the project pipeline installs, typechecks, lints, tests and publishes', () => {
    const doc = parse(read('.gitlab-ci.yml')) as Record<string, { stage?: string; script?: string[]; services?: unknown[] }>;
    expect(
      Object.entries(doc)
        .filter(([, j]) => j && typeof j === 'object' && 'stage' in j)
        .map(([name, j]) => `${name}:${j.stage}`),
    ).toEqual(['install:install', 'typecheck:check', 'lint:check', 'test:test', 'package:publish', 'publish:publish']);
    expect(doc.test!.script).toEqual(['.ci/run']);
    expect(JSON.stringify(doc.publish!.services)).toContain('docker:28-dind');
  });
});

// The image cannot be built here (no Node base image offline): it is linted instead,
// with the grader's own Dockerfile rules and what the README promises of it.
describe('the grader Dockerfile', () => {
  const instructions = parseDockerfile(read('Dockerfile'));
  const of = (k: string) => instructions.filter((i) => i.keyword === k);

  test('multi-stage, pinned bases, runs as an unprivileged user, grade as entrypoint', () => {
    expect(of('FROM').length).toBeGreaterThanOrEqual(3);
    expect(of('USER').at(-1)?.args).toBe('node');
    expect(of('ENTRYPOINT').at(-1)?.args).toBe('["grade"]');
    // The last stage copies the build, never the sources or dev dependencies.
    const text = read('Dockerfile').split('\n');
    const lastStage = text.slice(text.findLastIndex((l) => /^FROM\s/.test(l)));
    const copies = lastStage.filter((l) => /^COPY\s/.test(l));
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.filter((l) => !l.includes('--from='))).toEqual([]);
    // The shipped bundle, not node_modules: what npm pack ships (test/package.test.ts).
    expect(lastStage.join('\n')).toContain('/app/dist/bundle');
    expect(lastStage.join('\n')).not.toContain('node_modules');
  });

  test("follows the course's own best practices", () => {
    const findings = PRACTICE_RULES.map((r) => ({ rule: r.id, lines: r.find(instructions) })).filter((f) => f.lines.length);
    expect(findings).toEqual([]);
  });

  test('.dockerignore keeps dependencies, builds and reports out of the context', () => {
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'dist', 'reports', '.git']));
  });
});
