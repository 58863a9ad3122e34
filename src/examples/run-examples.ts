import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { makeFolder } from '../files/make-folder';
import os from 'node:os';
import path from 'node:path';
import type { ExampleSpec, Exercise } from '../exercise/exercise';
import type { OpenTarget } from '../grading-target/target';
import type { RegistryAccessOptions } from '../registry/registry-access';
import type { CheckStatus, Score } from '../result/types';
import { planGrading } from '../runner/plan';
import { runPlan } from '../runner/run';
import { compareVerdict, type Difference } from './compare-verdict';
import { removeMadeSince, type DockerCli, type EngineObjects } from './engine-objects';
import { typeAtTerminal, type CommandFailure } from './terminal-typist';
import { startDeadline, type Deadline } from '../time/deadline';

/** What came of one example: the grader's verdict and how it differs from the example's, or why there is none. */
export interface ExampleOutcome {
  exercise: string;
  example: string;
  agrees: boolean;
  /** The grader's verdict, when setup finished. */
  score?: Score;
  statuses?: Record<string, CheckStatus>;
  differences: Difference[];
  /** Setup did not make the state: no terminal could be had, or it ran out of time. */
  setupProblem?: { kind: 'failed'; status: number; output: string } | { kind: 'timeout'; seconds: number; output: string };
  /** Commands of the setup that exited non-zero (typing went on): worth reading when the verdict differs. */
  failedCommands?: CommandFailure[];
  /** Grading was cut off by the example's time limit. */
  gradingTimedOut?: { seconds: number };
  durationMs: number;
}

export interface ExampleRunOptions {
  target: OpenTarget;
  docker: DockerCli;
  /** The engine as it was before the first example: what is removed between examples is what is not in it. */
  before: EngineObjects;
  /** The environment setup is typed in (DOCKER_HOST naming the tested engine). */
  env: NodeJS.ProcessEnv;
  timeoutSeconds: number;
  /** Ctrl-C: the example under way stops, what it made is removed. */
  signal: AbortSignal;
  vars: Readonly<Record<string, string>>;
  registry?: RegistryAccessOptions;
  onOutcome(outcome: ExampleOutcome): void;
}

/** Writes an example's files (inline, or copied from next to its spec) into a fresh folder for its setup to run in. */
function exampleFolder(exercise: Exercise, example: ExampleSpec): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `grade-example-${exercise.id}-`));
  for (const [name, content] of Object.entries(example.files ?? {})) {
    const file = path.join(dir, name);
    makeFolder(path.dirname(file));
    if (typeof content === 'string') writeFileSync(file, content);
    else copyFileSync(path.resolve(path.dirname(exercise.file), content.from), file);
  }
  return dir;
}

/** An example's files as text, inline or read from next to its spec (to find the images they name). */
export function exampleFileTexts(exercise: Exercise, example: ExampleSpec): Record<string, string> {
  return Object.fromEntries(
    Object.entries(example.files ?? {}).map(([name, content]) => [
      name,
      typeof content === 'string' ? content : readFileSync(path.resolve(path.dirname(exercise.file), content.from), 'utf8'),
    ]),
  );
}

/** The setup's lines as typed: blank lines inside (a heredoc's) are kept, those around it are not. */
const typedLines = (setup: string) => setup.replace(/^\s*\n|\s+$/g, '').split('\n');

/**
 * Runs each example in turn: types its setup at a terminal, grades the state
 * as `grade` would (host mode, English messages), compares, and removes what
 * it made before the next one. Stops early when interrupted or when what an
 * example made could not all be removed (the next state would not be clean);
 * returns what was left behind, if anything.
 */
export async function runExamples(exercises: readonly Exercise[], o: ExampleRunOptions): Promise<{ leftBehind: string[] }> {
  for (const exercise of exercises) {
    for (const example of exercise.examples ?? []) {
      if (o.signal.aborted) return { leftBehind: [] };
      const started = Date.now();
      const seconds = example.timeoutSeconds ?? o.timeoutSeconds;
      let grading: Deadline | undefined;
      const folder = exampleFolder(exercise, example);
      let outcome: ExampleOutcome | undefined;
      try {
        const typed = await typeAtTerminal(typedLines(example.setup), { cwd: folder, env: o.env, timeoutMs: seconds * 1000, signal: o.signal });
        const base = { exercise: exercise.id, example: example.name, agrees: false, differences: [] };
        if (typed.kind === 'failed') outcome = { ...base, setupProblem: { kind: 'failed', status: typed.status, output: typed.output }, durationMs: 0 };
        else if (typed.kind === 'timeout') outcome = { ...base, setupProblem: { kind: 'timeout', seconds, output: typed.output }, durationMs: 0 };
        else if (typed.kind === 'done') {
          // Setup keeps its own clock (it says what was on the screen); grading gets what is left.
          grading = startDeadline(`example "${example.name}"`, Math.max(1_000, seconds * 1000 - (Date.now() - started)), o.signal);
          const plan = planGrading([exercise], [exercise.id], { ...o.vars, ...example.vars }, 'host', 'en');
          const result = await runPlan(plan, o.target, { signal: grading.signal, lang: 'en', ...(o.registry ? { registry: o.registry } : {}) });
          if (o.signal.aborted) return { leftBehind: await removeMadeSince(o.docker, o.before) };
          const graded = result.exercises[0]!;
          const differences = compareVerdict(example.expect, graded);
          const timedOut = grading.expired;
          outcome = {
            ...base,
            agrees: !differences.length && !timedOut,
            score: graded.score,
            statuses: Object.fromEntries(graded.checks.map((c) => [c.id, c.status])),
            differences,
            ...(typed.failed.length ? { failedCommands: typed.failed } : {}),
            ...(timedOut ? { gradingTimedOut: { seconds } } : {}),
            durationMs: 0,
          };
        }
      } finally {
        grading?.dispose();
        rmSync(folder, { recursive: true, force: true });
      }
      const leftBehind = await removeMadeSince(o.docker, o.before);
      if (outcome) o.onOutcome({ ...outcome, durationMs: Date.now() - started });
      if (leftBehind.length || o.signal.aborted) return { leftBehind };
    }
  }
  return { leftBehind: [] };
}
