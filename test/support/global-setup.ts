import { ensureEngine } from './engine-setup';
import { ensureStandIns, STANDIN_LABEL } from './standins';
import { recordSessionBaseline } from './host-state';
import { useRunTempDir } from './run-temp-dir';

/** Jest global setup: a temporary folder for the run, an engine that answers, and the stand-in images the suites grade against. */
export default async function globalSetup(): Promise<void> {
  useRunTempDir();
  await ensureEngine();
  await ensureStandIns();
  await recordSessionBaseline(STANDIN_LABEL);
}
