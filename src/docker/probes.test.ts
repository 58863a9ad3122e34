import { LocalTarget } from '../target/local/local-target';
import { leftoverProbes } from '../../test/support/host-state';
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
