/**
 * grade repo, measured: the sample student repositories graded end to end
 * (testcontainers build, run, compose up, checks, teardown), several runs each.
 * Prints wall time (median, min, max), the time of each step from the result,
 * the time left for checks and teardown, and the peak RSS of the grade process.
 *
 *   npm run bench:repo [-- --runs 5 --repos good,broken-dockerfile]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GradeResult } from '../src/result/types';
import { measuredGrade } from './measured-grade';
import { ensureEngine } from '../test/support/engine-setup';
import { resetEngine, snapshotEngine } from '../test/support/host-state';
import { ensureStandIns } from '../test/support/standins';

const REPOS = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'repos');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f1 = (x: number) => x.toFixed(1);

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 3);
  const repos = (arg('repos') ?? 'good').split(',');
  await ensureEngine();
  await ensureStandIns();
  const baseline = await snapshotEngine();
  try {
    for (const repo of repos) {
      const walls: number[] = [];
      const rss: number[] = [];
      const steps = new Map<string, number[]>();
      for (let i = 0; i < runs; i++) {
        const out = mkdtempSync(path.join(os.tmpdir(), 'grade-repo-bench-'));
        const r = await measuredGrade(['repo', path.join(REPOS, repo), '--out', out, '--format', 'json', '--pass-mark', '0']);
        if (r.code !== 0) throw new Error(`grade repo ${repo} exited ${r.code}`);
        walls.push(r.seconds);
        rss.push(r.maxRssMb);
        const result = JSON.parse(readFileSync(path.join(out, 'grade-result.json'), 'utf8')) as GradeResult;
        for (const e of result.exercises)
          for (const c of e.checks.filter((c) => c.kind === 'repo.step')) {
            const s = (c.evidence?.actual as { seconds?: number } | undefined)?.seconds;
            if (s !== undefined) steps.set(`${e.id}/${c.id}`, [...(steps.get(`${e.id}/${c.id}`) ?? []), s]);
          }
        const left = await snapshotEngine();
        if (JSON.stringify(left) !== JSON.stringify(baseline)) throw new Error(`grade repo ${repo} left something on the engine`);
      }
      const stepText = [...steps].map(([k, v]) => `${k} ${f1(median(v))} s`).join(', ');
      console.log(
        `${repo}: wall median ${f1(median(walls))} s (min ${f1(Math.min(...walls))}, max ${f1(Math.max(...walls))}, ${runs} runs); steps: ${stepText}; peak RSS ${Math.round(Math.max(...rss))} MB; engine left as found`,
      );
    }
  } finally {
    await resetEngine(baseline);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
