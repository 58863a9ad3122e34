import { useRunTempDir } from './run-temp-dir';

/**
 * Jest global setup of the engine-free suites: a temporary folder for the run,
 * and no engine. DOCKER_HOST names a socket that does not exist, so a suite
 * that needs an engine fails at once and says so: name it *.engine.test.ts.
 */
export default function unitSetup(): void {
  useRunTempDir();
  process.env.DOCKER_HOST = 'unix:///nonexistent/grade-unit-tests-have-no-engine.sock';
}
