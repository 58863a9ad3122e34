import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { engineResetAfterEach } from './support/host-state';
import { GRADE_BIN } from './support/run-cli';

const ROOT = path.join(__dirname, '..');
const RUN_AUTOGRADER = path.join(ROOT, 'ci', 'gradescope', 'run_autograder');

/**
 * Gradescope's results.json as its autograder documentation describes it
 * (the fields grade writes; Gradescope publishes no schema of its own).
 */
const validateResults = new Ajv({ allErrors: true }).compile({
  type: 'object',
  required: ['score', 'output', 'tests'],
  properties: {
    score: { type: 'number' },
    max_score: { type: 'number' },
    execution_time: { type: 'number' },
    output: { type: 'string' },
    visibility: { enum: ['hidden', 'after_due_date', 'after_published', 'visible'] },
    tests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['score', 'max_score', 'name'],
        properties: {
          score: { type: 'number' },
          max_score: { type: 'number' },
          name: { type: 'string' },
          number: { type: 'string' },
          output: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
          visibility: { enum: ['hidden', 'after_due_date', 'after_published', 'visible'] },
          status: { enum: ['passed', 'failed'] },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
});

interface Results {
  score: number;
  max_score?: number;
  output: string;
  tests: { score: number; max_score: number; name: string; status?: string }[];
}

/** Runs ci/gradescope/run_autograder on a copy of a fixture repository, with Gradescope's folders in a temp dir. */
function runAutograder(fixture: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; log: string; results: Results }> {
  const root = mkdtempSync(path.join(os.tmpdir(), `gradescope-${fixture}-`));
  const submission = path.join(root, 'submission');
  cpSync(path.join(ROOT, 'test', 'fixtures', 'repos', fixture), submission, { recursive: true });
  writeFileSync(path.join(root, 'submission_metadata.json'), JSON.stringify({ users: [{ email: 'student@example.invalid', name: 'A Student' }] }));
  return new Promise((resolve, reject) => {
    const child = spawn(RUN_AUTOGRADER, [], {
      env: {
        ...process.env,
        LC_ALL: 'C.UTF-8',
        NO_COLOR: '1',
        GRADE_SUBMISSION_DIR: submission,
        GRADE_RESULTS_DIR: path.join(root, 'results'),
        GRADE_METADATA_FILE: path.join(root, 'submission_metadata.json'),
        GRADE_COMMAND: `${process.execPath} ${GRADE_BIN}`,
        ...env,
      },
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const results = JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as Results;
        resolve({ code, log, results });
      } catch (err) {
        reject(new Error(`no readable results.json (exit ${code}): ${String(err)}\n${log}`));
      }
    });
  });
}

const schemaErrors = (doc: unknown) => (validateResults(doc) ? [] : (validateResults.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('ci/gradescope/run_autograder on sample submissions (real engine)', () => {
  engineResetAfterEach();

  test('a good repository: results.json in Gradescope’s format with full marks, one test per check', async () => {
    const { code, log, results } = await runAutograder('good', { GRADE_EXERCISES: 'web_server' });
    expect(code).toBe(0);
    expect(schemaErrors(results)).toEqual([]);
    expect(results.tests.length).toBeGreaterThan(3);
    expect(results.tests.every((t) => t.name.startsWith('web_server › '))).toBe(true);
    expect(results.score).toBe(results.max_score);
    expect(results.max_score).toBeGreaterThan(0);
    expect(log).toMatch(/passes the pass mark of 100%/);
  }, 240_000);

  test('a repository below the pass mark: still a grade — results.json with the failed checks, the script succeeds', async () => {
    const { code, results } = await runAutograder('wrong-port', { GRADE_EXERCISES: 'web_server' });
    expect(code).toBe(0);
    expect(schemaErrors(results)).toEqual([]);
    expect(results.score).toBeLessThan(results.max_score!);
    expect(results.tests.filter((t) => t.status === 'failed').length).toBeGreaterThan(0);
  }, 240_000);

  test('no engine reachable: results.json says the submission was not graded, and why, without blaming the student', async () => {
    const { code, results } = await runAutograder('good', { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(code).toBe(0);
    expect(schemaErrors(results)).toEqual([]);
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toMatch(/^Not graded: the grader could not run \(exit 2\)\. This says nothing about your work/);
    expect(results.output).toContain('/nonexistent/docker.sock');
  }, 60_000);
});
