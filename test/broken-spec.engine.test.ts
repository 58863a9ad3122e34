import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GradeResult } from '../src/result/types';
import { runGrade } from './support/run-cli';

/**
 * A course folder where one spec is broken: the others are still graded (the
 * run's exit is their grade) and the broken one is one line; asking for it is
 * exit 2 with its problems. Graded for real against the stand-in ubuntu image.
 */
describe('grade with a broken spec in the exercise folder (real engine)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-broken-spec-'));
  const spec = (id: string, image: string) =>
    `id: ${id}\ntitle: ${id}\nslides: [Search, pull, run]\nchecks:\n  - { id: image, title: Image ${image}, kind: image.exists, points: 10, params: { image: ${image} } }\n`;
  writeFileSync(path.join(dir, 'good.yaml'), spec('good', 'ubuntu'));
  writeFileSync(path.join(dir, 'missing.yaml'), spec('missing', 'no_such_image_here'));
  writeFileSync(path.join(dir, 'broken.yaml'), spec('broken', 'ubuntu').replace('kind: image.exists', 'kind: image.exist'));
  const grade = (...args: string[]) => runGrade(['--exercises', dir, '--no-reports', '--no-history', '--json', ...args]);
  const brokenLine = `grade: not graded: broken — ${path.join(dir, 'broken.yaml')} has 1 problem(s); grade validate lists them`;

  test('asking for a good exercise grades it (exit by its grade) and reports the broken one in one line', async () => {
    const run = await grade('good');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as GradeResult).exercises.map((e) => [e.id, e.score.points])).toEqual([['good', 10]]);
    expect(run.stderr.split('\n').filter((l) => l.includes('broken'))).toEqual([brokenLine]);

    const failing = await grade('missing');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain(brokenLine);
  }, 60_000);

  test('grading everything grades the good ones and reports the broken one', async () => {
    const run = await grade();
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as GradeResult).exercises.map((e) => e.id).sort()).toEqual(['good', 'missing']);
    expect(run.stderr).toContain(brokenLine);
  }, 60_000);

  test('asking for the broken exercise: exit 2 with its problem at file:line:col, nothing graded', async () => {
    const run = await grade('good', 'broken');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/broken\.yaml:5:45: checks\[0\]\.kind: unknown check kind 'image\.exist' \(did you mean 'image\.exists'\?\)/);
  }, 60_000);
});
