import type { CheckResult } from '../../src/result/types';
import { gradeJson, type GradeRun } from './grade-cli';
import { engineResetAfterEach } from './host-state';
import { sh } from './shell';
import { SLIDE_STATES } from './slide-states';

type Status = CheckResult['status'];

/**
 * One thing a student does: a shell command (which must succeed), or a step
 * that needs more than that (a fixture copied when the case runs, a command
 * that must fail).
 */
export type Step = string | (() => Promise<unknown>);

export interface Deviation {
  name: string;
  /** The steps that build the deviating state. */
  setup: Step[];
  /** Expected status of some checks, or of every check when `allChecks` is set. */
  statuses: Record<string, Status>;
  /** `statuses` names every check of the exercise: no other check may be in the result. */
  allChecks?: boolean;
  points: number;
  /** Expected exit status: 1 (some required check failed) unless said. */
  code?: 0 | 1;
  /** Expected message of some checks: a string to the letter, a pattern to match. */
  messages?: Record<string, string | RegExp>;
  /** Every failed check tells the student what to do and where the slide is. */
  hinted?: boolean;
  /** Optional extra assertions on the run. */
  also?: (run: GradeRun) => void;
}

export interface SuiteOptions {
  /** What the slides' state case is called and, when given, the status of every check it gets (bonus checks included). */
  slides?: { name?: string; statuses?: Record<string, Status> };
}

async function perform(steps: Step[]): Promise<void> {
  for (const step of steps) await (typeof step === 'string' ? sh(step) : step());
}

/**
 * An exercise graded on the real engine: its slides' state scores full marks,
 * each deviation gets exactly the given statuses, messages and points. The
 * engine is put back after each case.
 */
export function exerciseSuite(id: string, deviations: Deviation[], options: SuiteOptions = {}): void {
  describe(`exercise ${id}`, () => {
    engineResetAfterEach();

    test(options.slides?.name ?? "the slides' state scores full marks", async () => {
      await perform(SLIDE_STATES[id]!);
      const run = await gradeJson([id]);
      const ex = run.result.exercises[0]!;
      expect(ex.checks.filter((c) => !c.bonus && c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      if (options.slides?.statuses) expect(Object.fromEntries(ex.checks.map((c) => [c.id, c.status]))).toEqual(options.slides.statuses);
      expect(ex.score).toEqual({ points: 100, max: 100 });
      expect(run.code).toBe(0);
    });

    for (const d of deviations) {
      test(d.name, async () => {
        await perform(d.setup);
        const run = await gradeJson([id]);
        const ex = run.result.exercises[0]!;
        expect(ex.id).toBe(id);
        const got = Object.fromEntries(ex.checks.map((c) => [c.id, c.status]));
        if (d.allChecks) expect(got).toEqual(d.statuses);
        else expect(got).toMatchObject(d.statuses);
        for (const [check, message] of Object.entries(d.messages ?? {})) {
          const found = ex.checks.find((c) => c.id === check);
          expect(found?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
        }
        if (d.hinted) expect(ex.checks.filter((c) => c.status === 'fail' && !(c.hint && c.slide)).map((c) => c.id)).toEqual([]);
        expect(ex.score.points).toBe(d.points);
        expect(run.code).toBe(d.code ?? 1);
        d.also?.(run);
      });
    }
  });
}
