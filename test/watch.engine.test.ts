import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GRADE_BIN, TEST_HISTORY } from './support/run-cli';
import { leftoverProbes, resetEngine, suiteBaseline, type EngineSnapshot } from './support/host-state';
import { sh } from './support/shell';

/** A running `grade --watch`, its output as it comes: the summaries on stdout, the grading lines on stderr. */
function startWatch(args: string[], { reports = false } = {}) {
  const child = spawn(process.execPath, [GRADE_BIN, '--watch', ...(reports ? [] : ['--no-reports']), ...args], {
    env: { ...process.env, NO_COLOR: '1', GRADE_HISTORY: TEST_HISTORY, GRADE_CONFIG: '/nonexistent/c.yaml' },
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const gradings = () => stderr.split('\n').filter((l) => l.startsWith('graded '));
  const waitFor = async (count: number, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (gradings().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return gradings();
  };
  /** The first grading line after the first `after` that matches: a busy machine may split one change's events over two regrades. */
  const waitForLine = async (after: number, pattern: RegExp, ms = 20_000) => {
    const deadline = Date.now() + ms;
    const found = () =>
      gradings()
        .slice(after)
        .find((l) => pattern.test(l));
    while (!found() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return found() ?? `(no grading line matching ${pattern} in: ${gradings().slice(after).join(' | ')})`;
  };
  return { child, exited, gradings, waitFor, waitForLine, output: () => stdout + stderr, stdout: () => stdout };
}

describe('grade --watch', () => {
  let running: ReturnType<typeof startWatch> | undefined;
  let baseline: EngineSnapshot;
  beforeAll(async () => {
    baseline = await suiteBaseline();
  });
  afterEach(async () => {
    // A failed assertion must not leave the watcher running (nor jest waiting for it).
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    await resetEngine(baseline);
  });

  test('regrades once per change the student makes, never because of its own probes, and Ctrl-C leaves nothing', async () => {
    const w = (running = startWatch(['ubuntu_with_ping']));
    expect((await w.waitFor(1))[0]).toMatch(/^graded at start in [\d.]+ s — watching for changes, Ctrl-C to stop$/);
    expect(w.output()).toContain('0/100');

    // The slide's steps, as the student types them.
    await sh('docker run --name src ubuntu /bin/bash -c "apt update; apt -y install iputils-ping"');
    expect(await w.waitForLine(1, /./)).toMatch(/^graded after container src (create|start|die)/);
    // Let the run's events settle before the next step: one change, then the next.
    await new Promise((r) => setTimeout(r, 1_500));
    const beforeCommit = w.gradings().length;
    await sh('docker commit src ubuntu_with_ping');
    const afterCommit = await w.waitForLine(beforeCommit, /^graded after (container src commit|image [\w:.-]+ tag)/);
    expect(afterCommit).toMatch(/^graded after (container src commit|image [\w:.-]+ tag)/);
    expect(afterCommit).toMatch(/s after the first change — watching/);
    expect(w.output()).toMatch(/ubuntu_with_ping .* 100\/100/);

    // The regrade ran ping probes; their own events must not set off another one.
    await new Promise((r) => setTimeout(r, 1_500));
    const settled = w.gradings().length;
    await new Promise((r) => setTimeout(r, 3_000));
    expect(w.gradings()).toHaveLength(settled);

    process.stderr.write(
      `[measured] watch transcript:\n${w
        .gradings()
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
    );
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(130);
    expect(await leftoverProbes()).toEqual([]);
    expect(w.output()).not.toMatch(/\n\s+at /);
  }, 60_000);

  test('--json --watch: one GradeResult per grading, one per line (JSON Lines)', async () => {
    const w = (running = startWatch(['first_steps', '--json']));
    await w.waitFor(1);
    await sh('docker volume create grade-jsonl-test');
    await w.waitFor(2);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(130);
    const lines = w.stdout().split('\n');
    expect(lines.at(-1)).toBe('');
    const results = lines.slice(0, -1).map((l) => JSON.parse(l) as { exercises: { id: string }[] });
    expect(results.length).toBe(w.gradings().length);
    expect(results.length).toBeGreaterThanOrEqual(2);
    for (const r of results) expect(r.exercises.map((e) => e.id)).toEqual(['first_steps']);
  }, 60_000);

  test('Ctrl-C after gradings that wrote reports names them, not "no report written"', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'grade-watch-reports-'));
    const w = (running = startWatch(['first_steps', '--out', out], { reports: true }));
    await w.waitFor(1);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(130);
    expect(w.output()).not.toContain('no report written');
    expect(w.output()).toContain(`watching stopped; the reports of the last complete grading stay: ${path.join(out, 'grade-report.html')}`);
    expect(existsSync(path.join(out, 'grade-report.html'))).toBe(true);
  }, 60_000);
});
