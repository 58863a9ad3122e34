import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { shell } from './shell';
import { envOutsideRun } from './run-temp-dir';

/** An engine of its own beside the shared one: own socket, data-root, exec-root and pidfile. */
export interface DockerdSpec {
  /** `unix:///…/docker.sock` */
  host: string;
  dataRoot: string;
  execRoot: string;
  pidfile: string;
  /** Network options (`--bridge=…`, `--iptables=false`, …). */
  networkArgs: string[];
  /**
   * Run inside this network namespace (`ip netns add NAME`). Entered with
   * nsenter, not `ip netns exec`: that also remounts /sys, hiding the cgroup
   * mounts dockerd needs ("Devices cgroup isn't mounted").
   */
  netns?: string;
}

export async function engineAnswers(host: string): Promise<boolean> {
  return (await shell(`docker -H ${host} version --format '{{.Server.Version}}'`)).code === 0;
}

/**
 * Starts the engine unless it already answers, and waits until it does. It is
 * detached: whoever started it decides whether it outlives this process.
 */
export async function ensureDockerd(spec: DockerdSpec): Promise<void> {
  if (await engineAnswers(spec.host)) return;
  for (const dir of [spec.dataRoot, spec.execRoot]) mkdirSync(dir, { recursive: true });
  const args = [`--data-root=${spec.dataRoot}`, `--exec-root=${spec.execRoot}`, `--pidfile=${spec.pidfile}`, `-H=${spec.host}`, ...spec.networkArgs];
  const child = spec.netns
    ? spawn('nsenter', [`--net=/var/run/netns/${spec.netns}`, 'dockerd', ...args], { detached: true, stdio: 'ignore', env: envOutsideRun() })
    : spawn('dockerd', args, { detached: true, stdio: 'ignore', env: envOutsideRun() });
  child.unref();
  const deadline = Date.now() + 30_000;
  while (!(await engineAnswers(spec.host))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`dockerd for ${spec.host} did not start`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
