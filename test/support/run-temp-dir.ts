import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUN_DIR_VARIABLE = 'GRADE_TEST_RUN_TMPDIR';
const OUTER_TMPDIR_VARIABLE = 'GRADE_TEST_OUTER_TMPDIR';

/**
 * Every temporary folder of one test run goes in a folder of that run's own,
 * which the global teardown removes: the suites, and the grade processes they
 * start, make thousands of them (fixture copies, keys, sshd and registry
 * folders, reports), and a CI machine's disk outlives its runs. Set as TMPDIR,
 * which os.tmpdir() and child processes read, before any suite starts.
 */
export function useRunTempDir(): string {
  process.env[OUTER_TMPDIR_VARIABLE] = process.env.TMPDIR ?? '';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-tests-'));
  // Open like /tmp itself: suites run grade as other users (nobody, postgres).
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  process.env[RUN_DIR_VARIABLE] = dir;
  return dir;
}

/** GRADE_TEST_KEEP_TMP=1 keeps it, to look at what a failing suite left. */
export function removeRunTempDir(): void {
  const dir = process.env[RUN_DIR_VARIABLE];
  if (!dir) return;
  if (process.env.GRADE_TEST_KEEP_TMP === '1') {
    console.log(`[test teardown] kept the run's temporary folder ${dir}`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The environment for a process that outlives the run (a dockerd the setup
 * starts): the TMPDIR it had before the run's own. A dockerd given the run's
 * folder makes its console sockets there, and once the teardown removed it,
 * every `docker run -t` on that engine fails ("failed to create OCI runtime
 * console socket: stat /tmp/grade-tests-…: no such file or directory").
 */
export function envOutsideRun(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  const outer = process.env[OUTER_TMPDIR_VARIABLE];
  if (outer) env.TMPDIR = outer;
  else delete env.TMPDIR;
  delete env[RUN_DIR_VARIABLE];
  delete env[OUTER_TMPDIR_VARIABLE];
  return env;
}
