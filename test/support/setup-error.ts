import { SetupError } from '../../src/errors/setup-error';

/** The SetupError `run` throws; any other outcome fails the test. */
export function setupErrorOf(run: () => unknown): SetupError {
  try {
    run();
  } catch (e) {
    if (e instanceof SetupError) return e;
    throw e;
  }
  throw new Error('no SetupError');
}
