import { ensureEngine } from './engine-setup';
import { ensureStandIns } from './standins';

/** Jest global setup: an engine that answers, and the stand-in images the suites grade against. */
export default async function globalSetup(): Promise<void> {
  await ensureEngine();
  await ensureStandIns();
}
