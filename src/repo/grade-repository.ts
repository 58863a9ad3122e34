import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { SetupError } from '../errors';
import { grader } from '../package-info';
import { planGrading, type Plan } from '../runner/plan';
import { runPlan, type RunOptions } from '../runner/run';
import { totalScore, type ExerciseResult, type GradeResult } from '../result/types';
import type { Exercise, RepoSpec } from '../spec/exercise';
import { LocalTarget } from '../target/local-target';
import { RepoTarget } from '../target/repo-target';
import { detectComposeCli } from './compose-cli';
import { repoFileReader } from './repo-context';

export interface RepoGradeOptions extends Omit<RunOptions, 'probeRunId'> {
  dir: string;
  catalog: readonly Exercise[];
  /** Exercises named on the command line; none: those whose files the repository has. */
  ids: readonly string[];
  vars: Readonly<Record<string, string>>;
  hostFlag?: string;
  env?: NodeJS.ProcessEnv;
  /** Told when an exercise's state is being produced, and when grading it starts. */
  onPhase?(exercise: Exercise, phase: 'staging' | 'grading' | 'cleaning'): void;
  /** Teardown problems: something the stage created could not be removed. */
  onWarning?(message: string): void;
}

function hasRequiredFiles(spec: RepoSpec, exists: (file: string) => boolean): boolean {
  return spec.requires.every((r) => (Array.isArray(r) ? r.some(exists) : exists(r)));
}

/** Which exercises a repository is graded on, and why the others are not. */
export function selectRepoExercises(dir: string, catalog: readonly Exercise[], ids: readonly string[]): Exercise[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SetupError(
      `there is no folder ${dir}`,
      'give grade repo the folder of a checkout of the repository: grade repo PATH (default: the current folder)',
    );
  }
  const repoCapable = catalog.filter((e) => e.repo);
  if (ids.length) {
    const unfit = ids.filter((id) => catalog.some((e) => e.id === id) && !repoCapable.some((e) => e.id === id));
    if (unfit.length) {
      throw new SetupError(
        `${unfit.join(', ')} cannot be graded from a repository (no repo: section)`,
        `grade repo grades ${repoCapable.map((e) => e.id).join(', ')}; grade the others on a Docker host with grade ${unfit.join(' ')}`,
      );
    }
    // Unknown ids are reported by planGrading, with the list of known ones.
    return catalog.filter((e) => ids.includes(e.id));
  }
  const read = repoFileReader(dir);
  const found = repoCapable.filter((e) => hasRequiredFiles(e.repo!, (f) => read(f) !== undefined));
  if (!found.length) {
    const wants = repoCapable.map((e) => `${e.id} (${e.repo!.requires.map((r) => (Array.isArray(r) ? r.join(' or ') : r)).join(' + ')})`).join(', ');
    throw new SetupError(`${dir} has none of the files an exercise is graded from`, `grade repo looks for: ${wants}`);
  }
  return found;
}

/**
 * `grade repo`: each exercise's state is produced from the repository, graded
 * and removed before the next (the slides publish every exercise on host port
 * 8080), then the per-exercise results become one result.
 */
export async function gradeRepository(o: RepoGradeOptions): Promise<GradeResult | undefined> {
  const started = Date.now();
  const selected = selectRepoExercises(o.dir, o.catalog, o.ids);
  const plan: Plan = planGrading(
    o.catalog,
    selected.map((e) => e.id),
    o.vars,
    'repo',
  );
  // The engine before anything else: "no engine" is one line, not a half-started run.
  await (await new LocalTarget(o.hostFlag, o.env).open()).close();
  const composeCli = selected.some((e) => e.repo?.compose) ? await detectComposeCli() : undefined;
  const runId = randomBytes(4).toString('hex');
  const exercises: ExerciseResult[] = [];
  let last: GradeResult | undefined;
  for (const pe of plan.exercises) {
    if (o.signal?.aborted) return undefined;
    o.onPhase?.(pe.exercise, 'staging');
    const target = new RepoTarget(o.dir, pe.exercise, {
      runId,
      ...(o.hostFlag ? { hostFlag: o.hostFlag } : {}),
      ...(o.env ? { env: o.env } : {}),
      ...(composeCli ? { composeCli } : {}),
    });
    const open = await target.open();
    try {
      o.onPhase?.(pe.exercise, 'grading');
      last = await runPlan({ exercises: [pe], notGraded: [] }, open, { ...o, probeRunId: `repo-${runId}` });
      exercises.push(...last.exercises);
    } finally {
      o.onPhase?.(pe.exercise, 'cleaning');
      await open.close().catch((e: Error) => o.onWarning?.(e.message));
    }
  }
  if (!last || o.signal?.aborted) return undefined;
  return {
    ...last,
    grader: { name: grader.name, version: grader.version },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    score: totalScore(exercises),
    exercises,
  };
}
