import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allRequiredPassed, type GradeResult } from '../src/result/types';
import { runGrade } from './support/run-cli';

/**
 * A report folder that cannot be written never costs the student their
 * grading: the summary and the JSON still come out, the reports land in a
 * fallback folder named in one line, and the exit status is the grading's.
 * Tests run as root, where a read-only mode stops nothing, so the folder is
 * made unwritable the ways root meets too: a file in the way, and a full disk.
 */
function expectNothingLost(r: { code: number | null; stdout: string; stderr: string }, wanted: string, why: RegExp, stateHome: string) {
  const result = JSON.parse(r.stdout) as GradeResult;
  expect(r.code).toBe(allRequiredPassed(result) ? 0 : 1);
  expect(r.stderr).toContain('Total');
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)/);
  const notes = r.stderr.split('\n').filter((l) => l.startsWith('grade: could not write the reports'));
  expect(notes).toHaveLength(1);
  const m = new RegExp(`^grade: could not write the reports to ${wanted} \\((.+)\\); they are in (.+)$`).exec(notes[0]!);
  expect(m?.[1]).toMatch(why);
  const fallback = m![2]!;
  expect(fallback.startsWith(path.join(stateHome, 'grade', 'reports-'))).toBe(true);
  expect(readdirSync(fallback).sort()).toEqual(['grade-report.html', 'grade-result.json']);
  expect(JSON.parse(readFileSync(path.join(fallback, 'grade-result.json'), 'utf8'))).toEqual(result);
}

describe('nothing lost when the report folder cannot be written', () => {
  test('a file in the way of --out', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-lost-'));
    writeFileSync(path.join(dir, 'reports'), 'not a folder');
    const stateHome = path.join(dir, 'state');
    const r = await runGrade(['first_steps', '--json', '--out', path.join(dir, 'reports', 'run1')], { env: { XDG_STATE_HOME: stateHome } });
    expectNothingLost(r, path.join(dir, 'reports', 'run1'), /^ENOTDIR: not a directory$/, stateHome);
  });

  test('a full disk (a tiny tmpfs, filled)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-full-'));
    const disk = path.join(dir, 'disk');
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]);
    try {
      // Fill it: dd stops (and fails) when the disk is full.
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${path.join(disk, 'fill')}`, 'bs=4k'], { stdio: 'ignore' });
      } catch {
        // ENOSPC is the point
      }
      mkdirSync(path.join(disk, 'reports'));
      const stateHome = path.join(dir, 'state');
      const r = await runGrade(['first_steps', '--json', '--out', path.join(disk, 'reports')], { env: { XDG_STATE_HOME: stateHome } });
      expectNothingLost(r, path.join(disk, 'reports'), /^ENOSPC: no space left on device$/, stateHome);
      // Nothing half-written left behind on the full disk.
      expect(readdirSync(path.join(disk, 'reports'))).toEqual([]);
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  test('grade batch with a file in the way of --out: the batch goes to the fallback folder, said in one line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-lost-batch-'));
    writeFileSync(path.join(dir, 'out'), 'not a folder');
    const hosts = path.join(dir, 'hosts.yaml');
    // A host nobody listens on: the batch still writes its class report.
    writeFileSync(hosts, 'hosts:\n  - id: s01\n    host: 127.0.0.1\n    port: 1\n    user: student\n');
    const stateHome = path.join(dir, 'state');
    const r = await runGrade(['batch', hosts, 'first_steps', '--out', path.join(dir, 'out', 'batch'), '--connect-timeout', '2'], {
      env: { XDG_STATE_HOME: stateHome },
    });
    expect(r.code).toBe(1);
    const m = /^grade: cannot write to (.+) \(ENOTDIR: not a directory\); the class report and the students’ reports go to (.+)$/m.exec(r.stderr);
    expect(m?.[1]).toBe(path.join(dir, 'out', 'batch'));
    expect(['index.html', 'class.json', 'grades.csv'].map((f) => existsSync(path.join(m![2]!, f)))).toEqual([true, true, true]);
    expect(m![2]!.startsWith(path.join(stateHome, 'grade', 'reports-'))).toBe(true);
  });

  describe('--out under /proc, where mkdir never succeeds (and recursive mkdir looped for ever at 100 % CPU)', () => {
    const PROC_OUT = '/proc/grade-reports/run1';
    /** Killed after 30 s: a run that loops never ends on its own. */
    const runBounded = (args: string[], env: NodeJS.ProcessEnv) => runGrade(args, { env, killAfterMs: 30_000 });

    test('grade and grade report: the reports go to the fallback folder, said in one line', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-lost-proc-'));
      const stateHome = path.join(dir, 'state');
      const r = await runBounded(['first_steps', '--json', '--out', PROC_OUT], { XDG_STATE_HOME: stateHome });
      process.stderr.write(`[measured] grade --out ${PROC_OUT}: ended in ${r.seconds} s (killed: ${r.killed})\n`);
      expect(r.killed).toBe(false);
      expectNothingLost(r, PROC_OUT, /^ENOENT: this file system takes no new folders$/, stateHome);

      const report = await runBounded(['report', '--out', PROC_OUT], { XDG_STATE_HOME: stateHome });
      process.stderr.write(`[measured] grade report --out ${PROC_OUT}: ended in ${report.seconds} s (killed: ${report.killed})\n`);
      expect(report.killed).toBe(false);
      expect(report.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)/);
      const notes = report.stderr.split('\n').filter((l) => l.startsWith('grade: could not write the reports'));
      expect(notes).toEqual([
        expect.stringMatching(
          /^grade: could not write the reports to \/proc\/grade-reports\/run1 \(ENOENT: this file system takes no new folders\); they are in /,
        ),
      ]);
    });

    test('grade batch: the batch goes to the fallback folder, said in one line', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-lost-proc-batch-'));
      const hosts = path.join(dir, 'hosts.yaml');
      writeFileSync(hosts, 'hosts:\n  - id: s01\n    host: 127.0.0.1\n    port: 1\n    user: student\n');
      const stateHome = path.join(dir, 'state');
      const r = await runBounded(['batch', hosts, 'first_steps', '--out', PROC_OUT, '--connect-timeout', '2'], { XDG_STATE_HOME: stateHome });
      process.stderr.write(`[measured] grade batch --out ${PROC_OUT}: ended in ${r.seconds} s (killed: ${r.killed})\n`);
      expect(r.killed).toBe(false);
      expect(r.code).toBe(1);
      const m = /^grade: cannot write to (.+) \(ENOENT: this file system takes no new folders\); the class report and the students’ reports go to (.+)$/m.exec(
        r.stderr,
      );
      expect(m?.[1]).toBe(PROC_OUT);
      expect(['index.html', 'class.json', 'grades.csv'].map((f) => existsSync(path.join(m![2]!, f)))).toEqual([true, true, true]);
    });
  });
});
