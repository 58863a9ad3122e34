import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resetEngine, snapshotEngine, suiteBaseline, type EngineSnapshot } from './support/host-state';
import { GRADE_BIN } from './support/run-cli';
import { sh, shell } from './support/shell';

const ROOT = path.join(__dirname, '..');
const GCL = path.join(ROOT, 'node_modules', '.bin', 'gitlab-ci-local');

/**
 * The student template run for real by gitlab-ci-local (shell executor): the
 * job's script, variables, rules and artifacts as GitLab would run them. What
 * cannot exist offline is stood in for: `grade` on PATH is this checkout, the
 * engine is the local one (DOCKER_HOST), and the docker:dind service image is a
 * local no-op image, since the job talks to the local engine instead.
 */
/** The engine the tests run against (a private one under private-engine.sh), never a hard-coded default. */
const TEST_ENGINE = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';

async function runStudentJob(fixture: string): Promise<{ code: number; output: string; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `gcl-${fixture}-`));
  cpSync(path.join(ROOT, 'test', 'fixtures', 'repos', fixture), dir, { recursive: true });
  cpSync(path.join(ROOT, 'ci', 'student.gitlab-ci.yml'), path.join(dir, 'ci', 'student.gitlab-ci.yml'), { recursive: true });
  // What a student repository holds: an include of the course's template.
  writeFileSync(path.join(dir, '.gitlab-ci.yml'), 'include:\n  - local: ci/student.gitlab-ci.yml\n');
  await sh('git init -q && git add -A && git -c user.email=student@example.invalid -c user.name=student commit -qm work', { cwd: dir });
  const bin = path.join(dir, '..', `${path.basename(dir)}-bin`);
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'grade'), `#!/bin/sh\nexec ${process.execPath} ${GRADE_BIN} "$@"\n`);
  chmodSync(path.join(bin, 'grade'), 0o755);
  const r = await shell(
    `${GCL} --force-shell-executor --pull-policy if-not-present --variable DOCKER_HOST=${TEST_ENGINE} --variable GRADE_PASS_MARK=90 grade`,
    { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' }, timeout: 240_000 },
  );
  return { code: r.code, output: r.stdout + r.stderr, dir };
}

describe('ci/student.gitlab-ci.yml run by gitlab-ci-local', () => {
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await suiteBaseline();
    await sh('docker tag ubuntu:latest docker:28-dind');
  });
  afterAll(async () => {
    await resetEngine(baseline);
  });

  test('a good repository: the job passes and leaves the JUnit report and the HTML report as artifacts', async () => {
    const { code, output, dir } = await runStudentJob('good');
    expect(output).toMatch(/PASS\s+grade/);
    expect(code).toBe(0);
    expect(output).toMatch(/250\/250 points \(100%\) passes the pass mark of 90%/);
    expect(readFileSync(path.join(dir, 'grade-report', 'grade-junit.xml'), 'utf8')).toMatch(/failures="0" errors="0"/);
    expect(existsSync(path.join(dir, 'grade-report', 'grade-report.html'))).toBe(true);
    const after = await snapshotEngine();
    expect(after.containers).toEqual(baseline.containers);
    // gitlab-ci-local keeps volumes of its own (gcl-…); grade repo's are gone.
    expect(after.volumes.filter((v) => !v.startsWith('gcl-'))).toEqual(baseline.volumes);
  }, 300_000);

  test('a Dockerfile that does not build: the job fails below the pass mark, the reports are still kept', async () => {
    const { code, output, dir } = await runStudentJob('broken-dockerfile');
    expect(output).toMatch(/FAIL\s+grade/);
    expect(code).not.toBe(0);
    expect(output).toMatch(/is below the pass mark of 90%/);
    expect(readFileSync(path.join(dir, 'grade-report', 'grade-junit.xml'), 'utf8')).toMatch(/returned a non-zero code: 100/);
  }, 300_000);
});
