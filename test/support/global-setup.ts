import { ensureEngine } from './engine-setup';
import { ensureStandIns, STANDIN_LABEL } from './standins';
import { recordSessionBaseline } from './host-state';

/** Jest global setup: an engine that answers, and the stand-in images the suites grade against. */
export default async function globalSetup(): Promise<void> {
  await ensureEngine();
  await ensureStandIns();
  await recordSessionBaseline(STANDIN_LABEL);
}
