import type { ExampleSpec } from '../exercise/exercise';
import type { CheckStatus, ExerciseResult } from '../result/types';

/** One way the grader's verdict on an example differs from what the example says a correct grader gives. */
export type Difference =
  /** A check the example says fails did not. */
  | { kind: 'shouldFail'; check: string; got: CheckStatus; message: string }
  /** A check the example does not name failed, or (for `full`) did not pass. */
  | { kind: 'shouldPass'; check: string; got: CheckStatus; message: string }
  /** A failing check whose message lacks the words the example gives. */
  | { kind: 'message'; check: string; expected: string; message: string };

/**
 * Compares an exercise's result with an example's expectation. `full`: every
 * check that is not a bonus passes. `{ fail: [...] }`: those checks fail (a
 * bonus among them too), every other check that is not a bonus passes or is
 * skipped — skipped because a check it needs did not pass, which the example
 * already names. Bonus checks the example does not name are not compared.
 */
export function compareVerdict(expect: ExampleSpec['expect'], result: ExerciseResult): Difference[] {
  const failing = expect === 'full' ? [] : expect.fail;
  const messages = expect === 'full' ? {} : (expect.messages ?? {});
  const differences: Difference[] = [];
  for (const c of result.checks) {
    if (failing.includes(c.id)) {
      if (c.status !== 'fail') differences.push({ kind: 'shouldFail', check: c.id, got: c.status, message: c.message });
    } else if (!c.bonus && !(c.status === 'pass' || (c.status === 'skip' && expect !== 'full'))) {
      differences.push({ kind: 'shouldPass', check: c.id, got: c.status, message: c.message });
    }
    const words = messages[c.id];
    if (words !== undefined && !c.message.includes(words)) differences.push({ kind: 'message', check: c.id, expected: words, message: c.message });
  }
  return differences;
}
