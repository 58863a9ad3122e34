import { gradeJson, type GradeRun } from './grade-cli';
import { resetEngine, suiteBaseline, type EngineSnapshot } from './host-state';
import { sh } from './shell';
import { SLIDE_STATES } from './slide-states';

export interface Deviation {
  name: string;
  /** Commands that build the deviating state. */
  setup: string[];
  /** Expected status of some checks. */
  statuses: Record<string, 'pass' | 'fail' | 'skip' | 'error'>;
  points: number;
  /** Optional extra assertions on the run. */
  also?: (run: GradeRun) => void;
}

/**
 * An exercise graded on the real engine: its slides' state scores full marks,
 * each deviation gets exactly the given statuses and points. The engine is put
 * back after each case.
 */
export function exerciseSuite(id: string, deviations: Deviation[]): void {
  describe(`exercise ${id}`, () => {
    let baseline: EngineSnapshot;
    beforeAll(async () => {
      baseline = await suiteBaseline();
    });
    afterEach(async () => {
      await resetEngine(baseline);
    });

    test("the slides' state scores full marks", async () => {
      for (const cmd of SLIDE_STATES[id]!) await sh(cmd);
      const run = await gradeJson([id]);
      const ex = run.result.exercises[0]!;
      expect(ex.checks.filter((c) => !c.bonus && c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(ex.score).toEqual({ points: 100, max: 100 });
      expect(run.code).toBe(0);
    });

    for (const d of deviations) {
      test(d.name, async () => {
        for (const cmd of d.setup) await sh(cmd);
        const run = await gradeJson([id]);
        const ex = run.result.exercises[0]!;
        const got = Object.fromEntries(ex.checks.map((c) => [c.id, c.status]));
        expect(got).toMatchObject(d.statuses);
        expect(ex.score.points).toBe(d.points);
        expect(run.code).toBe(1);
        d.also?.(run);
      });
    }
  });
}
