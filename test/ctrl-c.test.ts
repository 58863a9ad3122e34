import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMuteEngine } from './support/mute-engine';
import { GRADE_BIN, TEST_HISTORY } from './support/run-cli';

/**
 * Ctrl-C twice ends grade at once, whatever it is waiting for: here an engine
 * that answers the handshake and then nothing, so every cleanup call waits for
 * its limit. Before, the second Ctrl-C was ignored until the cleanup ended.
 */
describe('a second Ctrl-C exits at once', () => {
  test('grade waiting on a hung engine: the first Ctrl-C starts the cleanup, the second ends grade', async () => {
    const engine = await startMuteEngine();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-ctrl-c-'));
    mkdirSync(path.join(dir, 'exercises'));
    writeFileSync(
      path.join(dir, 'exercises', 'one.yaml'),
      'id: one\ntitle: One check\norder: 1\nslides: [none]\nchecks:\n  - { id: only, title: ubuntu, kind: image.exists, points: 10, params: { image: ubuntu } }\n',
    );
    try {
      const child = spawn(process.execPath, [GRADE_BIN, '--exercises', path.join(dir, 'exercises'), '--out', path.join(dir, 'out')], {
        env: { ...process.env, LC_ALL: 'C.UTF-8', NO_COLOR: '1', GRADE_HISTORY: TEST_HISTORY, DOCKER_HOST: `unix://${engine.socket}` },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      // grade is connected and sweeping old probes (its Ctrl-C handling in place): a call the engine never answers.
      while (!engine.requests.includes('/containers/json')) await sleep(50);
      await sleep(200);
      child.kill('SIGINT');
      await sleep(500);
      child.kill('SIGINT');
      const secondAt = Date.now();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const end = await ended;
      clearTimeout(killer);
      process.stderr.write(`[measured] grade ended ${Date.now() - secondAt} ms after the second Ctrl-C (${JSON.stringify(end)})\n`);
      expect(end).toEqual({ code: 130, signal: null });
      expect(stderr).toContain('SIGINT: stopping, removing probe containers…');
      expect(stderr).toContain('SIGINT again: exiting now; what was not removed yet is left behind');
    } finally {
      await engine.stop();
    }
  }, 30_000);
});
