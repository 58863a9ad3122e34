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
// SchemaStore's GitHub Actions workflow schema (Apache-2.0), kept as test data; see test/fixtures/schemas/README.md.
const validateWorkflow = ajv.compile(JSON.parse(read('test/fixtures/schemas/github-workflow.json')) as object);

const errorsOf = (doc: unknown) => (validateCi(doc) ? [] : (validateCi.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
const workflowErrorsOf = (doc: unknown) => (validateWorkflow(doc) ? [] : (validateWorkflow.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

/** The options a `grade repo` command line uses must be options `grade repo --help` lists. */
async function expectRepoOptionsExist(commandLine: string): Promise<void> {
  const help = await runGrade(['repo', '--help']);
  const options = commandLine.match(/ --[a-z-]+/g) ?? [];
  expect(options.length).toBeGreaterThan(0);
  for (const option of options) expect(help.stdout).toContain(option.trim());
}

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
    await expectRepoOptionsExist(script);
    const out = /--out (\S+)/.exec(script)![1]!;
    expect(doc['.grade']!.artifacts!.reports!.junit).toBe(`${out}/grade-junit.xml`);
  });

  test('the student template runs one pipeline per push, may be cancelled by a newer one, is bounded, and retries only what the runner broke', () => {
    const doc = parse(read('ci/student.gitlab-ci.yml')) as {
      workflow: { rules: { if: string; when?: string }[] };
      '.grade': { interruptible?: boolean; timeout?: string; retry?: { max: number; when: string[] } };
    };
    // A push to a branch with an open merge request: the merge-request pipeline only.
    expect(doc.workflow.rules.slice(0, 2)).toEqual([
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
      { if: '$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS', when: 'never' },
    ]);
    expect(doc['.grade'].interruptible).toBe(true);
    expect(doc['.grade'].timeout).toMatch(/^\d+ minutes$/);
    expect(doc['.grade'].retry).toEqual({
      max: 2,
      when: ['runner_system_failure', 'stuck_or_timeout_failure', 'scheduler_failure', 'api_failure'],
    });
    expect(read('ci/student.gitlab-ci.yml')).toMatch(/CI_JOB_TOKEN[\s\S]*DOCKER_AUTH_CONFIG[\s\S]*deploy token/);
  });

  test('ci/student.github-workflow.yml follows the GitHub Actions workflow schema, which refuses a misspelt key', () => {
    const doc = parse(read('ci/student.github-workflow.yml')) as { jobs: Record<string, Record<string, unknown>> };
    expect(workflowErrorsOf(doc)).toEqual([]);
    expect(workflowErrorsOf({ ...doc, jobs: { grade: { ...doc.jobs.grade, 'runs-onn': 'ubuntu-24.04' } } }).length).toBeGreaterThan(0);
  });

  test('the GitHub workflow runs grade repo with options the CLI has, pinned, bounded, and keeps the folder grade writes', async () => {
    const doc = parse(read('ci/student.github-workflow.yml')) as {
      env: Record<string, string>;
      concurrency: { 'cancel-in-progress': boolean };
      jobs: { grade: { 'timeout-minutes': number; steps: { name?: string; run?: string; with?: { path?: string } }[] } };
    };
    const step = doc.jobs.grade.steps.find((s) => s.name === 'grade repo')!;
    const gradeArgs = step.run!.slice(step.run!.indexOf('"$GRADE_IMAGE"'));
    await expectRepoOptionsExist(gradeArgs);
    const out = /--out (\S+)/.exec(gradeArgs)![1]!;
    expect(doc.jobs.grade.steps.find((s) => s.with?.path)!.with!.path).toBe(`${out}/`);
    // A version, never a moving tag: a grade must not change mid-semester.
    expect(doc.env.GRADE_IMAGE).toMatch(/:\d+\.\d+\.\d+$/);
    expect(doc.jobs.grade['timeout-minutes']).toBeGreaterThan(0);
    expect(doc.concurrency['cancel-in-progress']).toBe(true);
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
    // The shipped bundle, not node_modules: what npm run package ships (test/package.test.ts).
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
