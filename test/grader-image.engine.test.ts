import path from 'node:path';
import type { GradeResult } from '../src/result/types';
import { resetEngine, suiteBaseline, type EngineSnapshot } from './support/host-state';
import { ensureGraderImageBases } from './support/image-bases';
import { sh, shell } from './support/shell';
import { SLIDE_STATES } from './support/slide-states';

const ROOT = path.join(__dirname, '..');
const IMAGE = 'grade-image-under-test:latest';
const RUN = `docker run --rm --network host -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)"`;

/**
 * The grader's own Dockerfile built for real and run as the README says. Slow
 * (a Debian root by debootstrap the first time, npm ci inside the build), so
 * opt-in: GRADE_IMAGE_TEST=1 npx jest test/grader-image.engine.test.ts.
 */
(process.env.GRADE_IMAGE_TEST === '1' ? describe : describe.skip)('the grader image (Dockerfile)', () => {
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    // The bases are made after the baseline: like every image a suite makes, they are removed at the end.
    baseline = await suiteBaseline();
    await ensureGraderImageBases();
    const t0 = Date.now();
    await sh(`docker build -q -t ${IMAGE} ${ROOT}`, { timeout: 900_000 });
    process.stderr.write(`[measured] grader image built in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }, 1_800_000);
  afterAll(async () => {
    await resetEngine(baseline);
  });

  test('runs as the unprivileged node user with grade as its entrypoint (its size is printed)', async () => {
    const [user, entrypoint, size] = (await sh(`docker image inspect -f '{{.Config.User}}|{{json .Config.Entrypoint}}|{{.Size}}' ${IMAGE}`)).trim().split('|');
    expect(user).toBe('node');
    expect(entrypoint).toBe('["grade"]');
    process.stderr.write(`[measured] grader image size ${(Number(size) / 1e6).toFixed(0)} MB\n`);
    const v = await shell(`docker run --rm ${IMAGE} --version`);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const id = await shell(`docker run --rm --entrypoint id ${IMAGE} -u`);
    expect(id.stdout.trim()).toBe('1000');
  }, 120_000);

  test('grades the host through the mounted socket: the slide state of web_server scores full marks', async () => {
    for (const cmd of SLIDE_STATES.web_server!) await sh(cmd);
    const r = await shell(`${RUN} ${IMAGE} web_server --json --no-history --no-reports`);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as GradeResult;
    expect(result.score).toEqual({ points: 100, max: 100 });
  }, 300_000);

  test('grades a repository mounted read-only (grade repo, testcontainers inside the image)', async () => {
    await sh('docker rm -f web_server');
    const r = await shell(`${RUN} -v ${path.join(ROOT, 'test/fixtures/repos/good')}:/repo:ro ${IMAGE} repo /repo web_server --json --out /tmp/out`);
    expect(r.stderr).toMatch(/130\/130 points \(100%\) passes/);
    expect(r.code).toBe(0);
  }, 300_000);
});
