import { removeRunTempDir } from './run-temp-dir';

/** Jest global teardown: the run's temporary folder goes (see run-temp-dir.ts). */
export default function globalTeardown(): void {
  removeRunTempDir();
}
