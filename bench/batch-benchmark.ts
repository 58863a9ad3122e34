/**
 * grade batch, measured: N simulated student hosts graded at concurrency C.
 * Every host is an entry for the same loopback sshd (one SSH connection each),
 * so unlike a real class they all share this machine's one engine and two
 * cores. Prints total time, hosts/s, the time of one host alone, the bound
 * 2 × (N / C) × that time, and the peak RSS of the batch process.
 *
 *   npm run bench:batch [-- --hosts 10,50 --concurrency 8]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measuredGrade } from './measured-grade';
import { ensureEngine } from '../test/support/engine-setup';
import { resetEngine, snapshotEngine } from '../test/support/host-state';
import { sh } from '../test/support/shell';
import { SLIDE_STATES } from '../test/support/slide-states';
import { ensureVmUsers, makeKeys, startSshVm, VM_USER } from '../test/support/ssh-hosts';
import { ensureStandIns } from '../test/support/standins';

/** Exercises whose slide states can coexist on one host. */
const EXERCISES = ['first_steps', 'ubuntu_with_ping', 'web_server', 'volumes', 'network_none', 'bridge_isolation'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sizes = (arg('hosts') ?? '10,50').split(',').map(Number);
  const concurrency = Number(arg('concurrency') ?? 8);
  await ensureEngine();
  await ensureStandIns();
  await ensureVmUsers();
  const baseline = await snapshotEngine();
  const keys = await makeKeys();
  // The simulated hosts' account reaches the engine the states were prepared on (DOCKER_HOST, when set: a namespace's own).
  const vm = await startSshVm(keys, process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {});
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-batch-bench-'));
  const knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, `${vm.knownHostsLine}\n`);
  const hostsFile = (n: number) => {
    const f = path.join(dir, `hosts-${n}.yaml`);
    const lines = Array.from({ length: n }, (_, i) => `  - { id: h${i + 1}, host: 127.0.0.1, port: ${vm.port} }`);
    writeFileSync(f, `defaults: { user: ${VM_USER}, identityFile: ${keys.good} }\nhosts:\n${lines.join('\n')}\n`);
    return f;
  };
  const run = (n: number, c: number) =>
    measuredGrade(
      [
        'batch',
        hostsFile(n),
        ...EXERCISES,
        '--out',
        path.join(dir, `out-${n}-${c}-${Date.now()}`),
        '--known-hosts',
        knownHosts,
        '--concurrency',
        String(c),
        '--format',
        'json',
      ],
      { GRADE_CONFIG: '/nonexistent' },
    );
  try {
    for (const id of EXERCISES) for (const cmd of SLIDE_STATES[id]!) await sh(cmd);
    await run(1, 1); // warm-up
    const alone = [await run(1, 1), await run(1, 1), await run(1, 1)].map((r) => r.seconds).sort((a, b) => a - b)[1]!;
    console.log(`exercises: ${EXERCISES.join(', ')}; one host alone: ${alone.toFixed(2)} s (median of 3, process start to exit)`);
    // Per host: the batch's wall time shared out; its overhead, what that costs beyond a C-th of one host graded alone.
    console.log(
      `load average: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (${os.cpus().length} CPUs)`,
    );
    console.log('hosts  concurrency  total s  hosts/s  s/host  overhead s/host  bound 2×(N/C)×alone  within  peak RSS MB  exit');
    for (const n of sizes) {
      const r = await run(n, concurrency);
      const bound = 2 * (n / concurrency) * alone;
      const perHost = r.seconds / n;
      console.log(
        `${String(n).padEnd(5)}  ${String(concurrency).padEnd(11)}  ${r.seconds.toFixed(1).padEnd(7)}  ${(n / r.seconds).toFixed(2).padEnd(7)}  ${perHost.toFixed(2).padEnd(6)}  ${(perHost - alone / concurrency).toFixed(2).padEnd(15)}  ${bound.toFixed(1).padEnd(19)}  ${r.seconds <= bound ? 'yes' : 'NO '}     ${r.maxRssMb.toFixed(0).padEnd(11)}  ${r.code}`,
      );
    }
    console.log(`SSH connections accepted by the VM: ${vm.connections()} (one per graded host)`);
  } finally {
    await vm.stop();
    await resetEngine(baseline);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
