import { SetupError } from '../errors/setup-error';
import { randomBytes } from 'node:crypto';
import { grader } from '../package/package-info';
import { withOpenTarget } from './open-target';
import { planGrading, type Plan } from './plan';
import { runPlan, type RunOptions } from './run';
import { totalScore, type ExerciseResult, type GradeResult, type NotGraded } from '../result/types';
import type { Exercise } from '../exercise/exercise';
import { selectRepoExercises } from './repo-exercises';
import { LocalTarget } from '../grading-target/local/local-target';
import { REPO_PROJECT, REPO_RUN_LABEL } from '../grading-target/repo/repo-stage';
import { RepoTarget } from '../grading-target/repo/repo-target';
import { STALE_RUN_MS } from '../grading-target/repo/sandbox';
import { detectComposeCli } from '../grading-target/repo/compose-cli';

export interface RepoGradeOptions extends Omit<RunOptions, 'probeRunId'> {
  dir: string;
  catalog: readonly Exercise[];
  /** Exercises named on the command line; none: those whose files the repository has. */
  ids: readonly string[];
  vars: Readonly<Record<string, string>>;
  hostFlag?: string;
  env?: NodeJS.ProcessEnv;
  /** Time limit of each repository step (build, compose up, down). */
  stepTimeoutMs?: number;
  /** A second Ctrl-C: cleanup stops waiting for compose and force-removes by label. */
  hurry?: AbortSignal;
  /** Told when an exercise's state is being produced, and when grading it starts. */
  onPhase?(exercise: Exercise, phase: 'staging' | 'grading' | 'cleaning'): void;
  /** Teardown problems: something the stage created could not be removed. */
  onWarning?(message: string): void;
  /** Exercises looked for and not graded (the repository lacks their files). */
  onNotGraded?(skipped: readonly NotGraded[]): void;
}

/**
 * `grade repo`: each exercise's state is produced from the repository, graded
 * and removed before the next (the slides publish every exercise on host port
 * 8080), then the per-exercise results become one result.
 */
export async function gradeRepository(o: RepoGradeOptions): Promise<GradeResult | undefined> {
  const started = Date.now();
  const { selected, skipped } = selectRepoExercises(o.dir, o.catalog, o.ids, o.lang);
  const plan: Plan = planGrading(
    o.catalog,
    selected.map((e) => e.id),
    o.vars,
    'repo',
    o.lang,
  );
  // The engine before anything else: "no engine" is one line, not a half-started run.
  // What an earlier grade repo left when it was killed outright is its to remove.
  await withOpenTarget(new LocalTarget(o.hostFlag, o.env, o.lang), (t) => t.engine.sweepOwn(REPO_RUN_LABEL, REPO_PROJECT, STALE_RUN_MS).catch(() => 0));
  const composeCli = selected.some((e) => e.repo?.compose) ? await detectComposeCli() : undefined;
  if (skipped.length) o.onNotGraded?.(skipped);
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
      vars: o.vars,
      ...(o.stepTimeoutMs ? { stepTimeoutMs: o.stepTimeoutMs } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.hurry ? { hurry: o.hurry } : {}),
    });
    last = await withOpenTarget(
      target,
      async (open) => {
        o.onPhase?.(pe.exercise, 'grading');
        try {
          return await runPlan({ exercises: [pe], notGraded: [] }, open, { ...o, probeRunId: `repo-${runId}` });
        } finally {
          o.onPhase?.(pe.exercise, 'cleaning');
        }
      },
      { onCloseError: (e) => o.onWarning?.(e instanceof SetupError ? e.line(o.lang) : e.message) },
    );
    exercises.push(...last.exercises);
  }
  if (!last || o.signal?.aborted) return undefined;
  return {
    ...last,
    grader: { name: grader.name, version: grader.version },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    score: totalScore(exercises),
    exercises,
    ...(skipped.length ? { notGraded: skipped } : {}),
  };
}
