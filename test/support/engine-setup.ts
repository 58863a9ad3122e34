import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { shell, sh } from './shell';
import { envOutsideRun } from './run-temp-dir';

/** System packages the test suites use, by the file that shows each is installed. */
export const TEST_PACKAGES: { file: string; pkg: string }[] = [
  { file: '/usr/sbin/dockerd', pkg: 'docker.io' },
  { file: '/bin/busybox', pkg: 'busybox-static' },
  { file: '/usr/bin/docker-compose', pkg: 'docker-compose' },
  // The HTML report's browser test; Debian's build, never a downloaded one.
  { file: '/usr/bin/chromium', pkg: 'chromium' },
  { file: '/usr/bin/docker-registry', pkg: 'docker-registry' },
  { file: '/usr/sbin/sshd', pkg: 'openssh-server' },
  { file: '/usr/bin/ssh-keygen', pkg: 'openssh-client' },
  { file: '/usr/sbin/ip', pkg: 'iproute2' },
  { file: '/usr/bin/openssl', pkg: 'openssl' },
  { file: '/usr/bin/script', pkg: 'bsdutils' },
  { file: '/usr/bin/setpriv', pkg: 'util-linux' },
  // gitlab-ci-local copies the project with rsync before running a job.
  { file: '/usr/bin/rsync', pkg: 'rsync' },
  { file: '/usr/bin/git', pkg: 'git' },
  // The live board's store tests run a private PostgreSQL cluster (test/support/postgres.ts).
  { file: '/usr/bin/pg_ctlcluster', pkg: 'postgresql' },
];

const log = (msg: string) => process.stderr.write(`[test setup] ${msg}\n`);

async function engineAnswers(): Promise<boolean> {
  return (await shell('docker version --format "{{.Server.Version}}"', { timeout: 10_000 })).code === 0;
}

function isRootOnDebian(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

/** Installs what is missing — only as root on Debian/Ubuntu; elsewhere says what to install. */
async function installMissingPackages(): Promise<void> {
  const missing = TEST_PACKAGES.filter((p) => !existsSync(p.file)).map((p) => p.pkg);
  if (!missing.length) return;
  if (!isRootOnDebian()) {
    throw new Error(
      `the tests need these packages: ${missing.join(' ')} — install them (Debian/Ubuntu: apt-get install -y ${missing.join(' ')}) and run again`,
    );
  }
  log(`installing ${missing.join(' ')} (apt-get)…`);
  await sh(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')} >/dev/null`);
}

/**
 * Finds a Docker engine for the suites or starts one: where none answers and
 * this is root on Debian, Debian's dockerd is started in the background (it
 * outlives the test run, like a system service would).
 */
export async function ensureEngine(): Promise<void> {
  await installMissingPackages();
  if (await engineAnswers()) return;
  if (process.env.DOCKER_HOST) throw new Error(`DOCKER_HOST=${process.env.DOCKER_HOST} does not answer; start that engine or unset DOCKER_HOST`);
  if (!isRootOnDebian()) {
    throw new Error('no Docker engine answers and this is not root on Debian: start dockerd (or Docker Desktop) and run the tests again');
  }
  log('starting dockerd (log: /tmp/grade-test-dockerd.log)…');
  const logFd = openSync('/tmp/grade-test-dockerd.log', 'a');
  const child = spawn('dockerd', [], { detached: true, stdio: ['ignore', logFd, logFd], env: envOutsideRun() });
  child.unref();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (existsSync('/var/run/docker.sock') && (await engineAnswers())) {
      log('dockerd is up');
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dockerd did not answer within 60 s; see /tmp/grade-test-dockerd.log');
}
