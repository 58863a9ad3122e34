import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClassReport } from '../src/batch/class-report';
import type { GradeResult } from '../src/result/types';
import { engineResetAfterEach, snapshotEngine } from './support/host-state';
import { batchArgs, ensureVmUsers, faultyDocker, makeKeys, startSshVm, VM_USER, type SshVm } from './support/ssh-hosts';
import { startMuteEngine } from './support/mute-engine';
import { runGradeUnderGc, startDripServer } from './support/under-gc';

/**
 * Every time limit of grade, held while a full garbage collection runs every
 * half second in grade's process. On Node 20 a limit made of AbortSignal.timeout
 * inside AbortSignal.any is lost at the first GC (nodejs/node issue 57736): these
 * runs then never end, and are killed.
 */

const tmp = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `grade-gc-${prefix}-`));

function folder(files: Record<string, string>, prefix: string): string {
  const dir = tmp(prefix);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** An exercise folder of one exercise with one check. */
const oneCheck = (kind: string, params: Record<string, unknown>) =>
  folder(
    {
      'limit.yaml': `id: limit\ntitle: One check\norder: 1\nslides: [none]\nchecks:\n  - { id: only, title: the check, kind: ${kind}, points: 10, params: ${JSON.stringify(params)} }\n`,
    },
    'exercises',
  );

const onlyCheck = (stdout: string) => (JSON.parse(stdout) as GradeResult).exercises[0]!.checks[0]!;

describe('time limits hold while the garbage collector runs', () => {
  const baseline = engineResetAfterEach();

  test('grade repo: RUN sleep infinity stops at --step-timeout 15', async () => {
    const dir = folder({ Dockerfile: 'FROM ubuntu\nRUN sleep infinity\n', 'index.html': 'hello' }, 'repo');
    const r = await runGradeUnderGc(['repo', dir, 'web_server', '--json', '--out', tmp('out'), '--step-timeout', '15'], { killAfterMs: 90_000 });
    process.stderr.write(`[measured] repo step limit 15 s under GC: ended after ${r.seconds} s, ${r.gcs} GCs, killed: ${r.killed}\n`);
    expect(r.killed).toBe(false);
    const built = (JSON.parse(r.stdout) as GradeResult).exercises.find((e) => e.id === 'web_server')!.checks.find((c) => c.id === 'built')!;
    expect(built.message).toBe('docker build -f Dockerfile . failed: it did not finish within 15 s');
    expect(r.gcs).toBeGreaterThan(20);
    expect(await snapshotEngine()).toEqual(baseline());
  }, 180_000);

  test("a check's --timeout 15 ends a page that drips a byte a second", async () => {
    const drip = await startDripServer();
    try {
      const exercises = oneCheck('http.get', { port: drip.port, contains: 'never' });
      const r = await runGradeUnderGc(['--exercises', exercises, '--json', '--out', tmp('out'), '--timeout', '15'], { killAfterMs: 90_000 });
      process.stderr.write(`[measured] check limit 15 s under GC: ended after ${r.seconds} s, ${r.gcs} GCs, killed: ${r.killed}\n`);
      expect(r.killed).toBe(false);
      expect(onlyCheck(r.stdout)).toMatchObject({ status: 'error', message: expect.stringContaining('15 s') });
      expect(r.gcs).toBeGreaterThan(20);
    } finally {
      await drip.stop();
    }
  }, 180_000);

  test('an engine call that gets no answer ends at the engine call limit (10 s)', async () => {
    const engine = await startMuteEngine();
    try {
      const exercises = oneCheck('image.exists', { image: 'ubuntu' });
      const r = await runGradeUnderGc(['--exercises', exercises, '--json', '--out', tmp('out'), '--timeout', '45'], {
        killAfterMs: 120_000,
        env: { DOCKER_HOST: `unix://${engine.socket}` },
      });
      process.stderr.write(`[measured] engine call limit 10 s under GC: ended after ${r.seconds} s, ${r.gcs} GCs, killed: ${r.killed}\n`);
      expect(r.killed).toBe(false);
      expect(onlyCheck(r.stdout)).toMatchObject({
        status: 'error',
        message: expect.stringContaining('the Docker engine did not answer within 10 s (inspect image ubuntu'),
      });
      expect(r.gcs).toBeGreaterThan(15);
    } finally {
      await engine.stop();
    }
  }, 180_000);

  test('a registry that drips its manifest ends at the registry call limit (15 s)', async () => {
    const registry = await startDripServer((req, res) => {
      if (req.url === '/v2/') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return true;
      }
      return false;
    });
    try {
      const exercises = oneCheck('registry.file', { image: `127.0.0.1:${registry.port}/student/app:1.0`, path: '/etc/hostname' });
      const r = await runGradeUnderGc(['--exercises', exercises, '--json', '--out', tmp('out'), '--timeout', '60'], { killAfterMs: 120_000 });
      process.stderr.write(`[measured] registry call limit 15 s under GC: ended after ${r.seconds} s, ${r.gcs} GCs, killed: ${r.killed}\n`);
      expect(r.killed).toBe(false);
      expect(onlyCheck(r.stdout).message).toContain(`the registry 127.0.0.1:${registry.port} did not answer within 15 s`);
      expect(r.gcs).toBeGreaterThan(20);
    } finally {
      await registry.stop();
    }
  }, 180_000);

  describe('grade batch', () => {
    let vm: SshVm;
    let hostsFile: string;
    let knownHosts: string;
    beforeAll(async () => {
      await ensureVmUsers();
      const keys = await makeKeys();
      vm = await startSshVm(keys, { PATH: `${faultyDocker('hang')}:/usr/bin:/bin` });
      const dir = tmp('batch');
      knownHosts = path.join(dir, 'known_hosts');
      writeFileSync(knownHosts, `${vm.knownHostsLine}\n`);
      hostsFile = path.join(dir, 'class.yaml');
      writeFileSync(
        hostsFile,
        `defaults:\n  user: ${VM_USER}\n  identityFile: ${keys.good}\nhosts:\n  - { id: s09, name: Ivan, host: 127.0.0.1, port: ${vm.port} }\n`,
      );
    }, 60_000);
    afterAll(async () => {
      await vm?.stop();
    });

    test('a host that hangs after the handshake ends at --host-timeout 15', async () => {
      const out = tmp('batch-out');
      // Three engine calls one after the other, each ended at 10 s by the engine call limit: only the host limit ends the host at 15 s.
      const exercises = folder(
        {
          'three.yaml': `id: three\ntitle: Three images\norder: 1\nslides: [none]\nchecks:\n${['ubuntu', 'alpine', 'nginx']
            .map((image) => `  - { id: ${image}, title: ${image}, kind: image.exists, points: 10, params: { image: ${image} } }\n`)
            .join('')}`,
        },
        'exercises',
      );
      const r = await runGradeUnderGc(
        [...batchArgs({ hostsFile, exercises, out, knownHosts, hostTimeoutSeconds: 15 }), '--timeout', '60', '--check-concurrency', '1'],
        {
          killAfterMs: 120_000,
        },
      );
      process.stderr.write(`[measured] batch host limit 15 s under GC: ended after ${r.seconds} s, ${r.gcs} GCs, killed: ${r.killed}\n`);
      expect(r.killed).toBe(false);
      const report = JSON.parse(readFileSync(path.join(out, 'class.json'), 'utf8')) as ClassReport;
      expect(report.students.map((s) => [s.id, s.state, s.error])).toEqual([['s09', 'error', 'grading did not finish within 15 s']]);
      expect(r.gcs).toBeGreaterThan(20);
    }, 180_000);
  });
});
