import { LocalTarget } from '../grading-target/local/local-target';
import { leftoverProbes, resetEngine, suiteBaseline } from '../../test/support/host-state';
import { sh } from '../../test/support/shell';
import { ProbeRunner } from './probes';

/** The probe's own view of itself: capabilities, root filesystem, scratch space. */
const SELF_REPORT = [
  'grep CapEff /proc/self/status',
  '(echo x > /probe-wrote-here) 2>/dev/null && echo root:writable || echo root:read-only',
  '(echo x > /tmp/scratch) 2>/dev/null && echo tmp:writable || echo tmp:read-only',
].join('; ');

describe('probe containers keep nothing they do not need', () => {
  test('all capabilities dropped but the one asked for, read-only root, a small writable /tmp', async () => {
    const target = await new LocalTarget().open();
    const probes = new ProbeRunner(target.engine);
    try {
      const bare = await probes.run({ image: 'alpine', entrypoint: ['sh'], cmd: ['-c', SELF_REPORT], timeoutMs: 10_000 });
      expect(bare.exitCode).toBe(0);
      expect(bare.stdout).toMatch(/CapEff:\s+0000000000000000/);
      expect(bare.stdout).toContain('root:read-only');
      expect(bare.stdout).toContain('tmp:writable');
      // ping's raw socket: CAP_NET_RAW is bit 13.
      const ping = await probes.run({ image: 'alpine', entrypoint: ['sh'], cmd: ['-c', SELF_REPORT], capabilities: ['NET_RAW'], timeoutMs: 10_000 });
      expect(ping.stdout).toMatch(/CapEff:\s+0000000000002000/);
      const loopback = await probes.run({ image: 'alpine', cmd: ['ping', '-c', '1', '-W', '1', '127.0.0.1'], capabilities: ['NET_RAW'], timeoutMs: 10_000 });
      expect(loopback.exitCode).toBe(0);
    } finally {
      await probes.dispose();
      await target.close();
    }
    expect(await leftoverProbes()).toEqual([]);
  });
});

describe("probes in a container's network and PID namespaces", () => {
  // A ping's ICMP echo id is its PID. Probes that were each PID 1 of their own
  // namespace pinged with the same id and could take each other's replies; in
  // the source container's PID namespace every probe has a PID of its own.
  test('run at once with PIDs of their own, and leave the container as it was', async () => {
    const baseline = await suiteBaseline();
    const target = await new LocalTarget().open();
    const probes = new ProbeRunner(target.engine);
    try {
      const id = (await sh('docker run -td --name test1 alpine')).trim();
      const shared = `container:${id}`;
      // Each probe starts a marker process (tail), waits until it sees three (one per probe), says how
      // many it saw, and stays a moment so the others see them too: only probes that run at once get there.
      const count = 'cat /proc/[0-9]*/comm 2>/dev/null | grep -c ^tail$';
      const cmd = ['-c', `echo $$; tail -f /dev/null & n=0; for i in $(seq 1 200); do n=$(${count}); [ $n -ge 3 ] && break; sleep 0.1; done; echo $n; sleep 2`];
      const outs = await Promise.all(
        [1, 2, 3].map(() => probes.run({ image: 'alpine', entrypoint: ['sh'], cmd, networkMode: shared, pidMode: shared, timeoutMs: 40_000 })),
      );
      const pids = outs.map((o) => Number(o.stdout.split('\n')[0]));
      expect(outs.map((o) => o.exitCode)).toEqual([0, 0, 0]);
      expect(new Set(pids).size).toBe(3);
      expect(pids).not.toContain(1);
      for (const o of outs) expect(Number(o.stdout.split('\n')[1])).toBeGreaterThanOrEqual(3);
      expect(await sh(`docker inspect -f '{{.State.Running}} {{.RestartCount}}' test1`)).toBe('true 0\n');
      expect(await sh('docker top test1 -o pid,args')).not.toContain('tail');
    } finally {
      await probes.dispose();
      await target.close();
      await resetEngine(baseline);
    }
    expect(await leftoverProbes()).toEqual([]);
  });
});
