import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mixedResult } from '../../test/support/grade-results';
import { writeClassReport } from '../batch/class-report';
import { hostDir, hostIdsIn, writeHostOutcome } from '../batch/host-outcome';
import { writeUserConfig } from '../config/user-config';
import { writeReports } from '../report/index';
import { replaceFile } from './replace-file';

/**
 * In a shared `--out` folder another user can create names before grade does.
 * A symlink planted at the temporary name grade used to write through
 * (`<file>.<pid>.tmp`) must be left alone, and its target never written.
 */
function plant(at: string): { victim: string; survives: () => void } {
  const victim = path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-victim-')), 'precious');
  writeFileSync(victim, 'precious\n');
  symlinkSync(victim, at);
  return {
    victim,
    survives: () => {
      expect(lstatSync(at).isSymbolicLink()).toBe(true);
      expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    },
  };
}

const outDir = () => mkdtempSync(path.join(os.tmpdir(), 'grade-out-'));

describe('files grade writes in a shared folder', () => {
  test('reports: a symlink at the old temporary name is not followed', () => {
    const out = outDir();
    const planted = plant(path.join(out, `grade-report.html.${process.pid}.tmp`));
    const [file] = writeReports({ result: mixedResult() }, out, ['html']);
    planted.survives();
    expect(readFileSync(file!, 'utf8')).toContain('<html');
  });

  test('a symlink at the report itself is replaced, not written through', () => {
    const out = outDir();
    const victim = path.join(outDir(), 'precious');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, path.join(out, 'grade-result.json'));
    writeReports({ result: mixedResult() }, out, ['json']);
    expect(lstatSync(path.join(out, 'grade-result.json')).isFile()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  test('class report files: symlinks at the old temporary names are not followed', () => {
    const out = outDir();
    const planted = ['index.html', 'class.json', 'grades.csv'].map((f) => plant(path.join(out, `${f}.${process.pid}.tmp`)));
    writeClassReport(out, []);
    for (const p of planted) p.survives();
    expect(readFileSync(path.join(out, 'class.json'), 'utf8')).toContain('"students"');
  });

  test('user config: a symlink at the old temporary name is not followed', () => {
    const dir = outDir();
    const file = path.join(dir, 'config.yaml');
    const planted = plant(`${file}.${process.pid}.tmp`);
    writeUserConfig(file, { student: { id: 's1' } });
    planted.survives();
    expect(readFileSync(file, 'utf8')).toContain('id: s1');
  });

  test('host outcomes: a folder or symlink at the old temporary name does not stop or redirect the write', () => {
    const out = outDir();
    mkdirSync(path.join(out, 'hosts'));
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const planted = plant(`${hostDir(out, 'alice')}.tmp-${process.pid}-${now}`);
      const status = {
        schemaVersion: 1 as const,
        id: 'alice',
        name: 'alice',
        endpoint: 'ssh://a',
        state: 'error' as const,
        error: 'x',
        startedAt: '',
        durationMs: 1,
      };
      writeHostOutcome(out, status, undefined, ['json']);
      writeHostOutcome(out, status, undefined, ['json']); // over an existing outcome too
      planted.survives();
    } finally {
      spy.mockRestore();
    }
    expect(hostIdsIn(out)).toEqual(['alice']);
    expect(readdirSync(path.join(out, 'hosts')).filter((d) => d.startsWith('alice.'))).toHaveLength(1); // only the planted link is left
  });

  test('replaceFile creates a secret with its mode from the start', () => {
    const file = path.join(outDir(), 'secret');
    replaceFile(file, 'token\n', 0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('replaceFile leaves no temporary file behind when it cannot finish', () => {
    const dir = outDir();
    const target = path.join(dir, 'a-folder');
    mkdirSync(target);
    writeFileSync(path.join(target, 'x'), 'x');
    expect(() => replaceFile(target, 'data')).toThrow(); // rename over a non-empty folder fails
    expect(readdirSync(dir)).toEqual(['a-folder']);
    expect(existsSync(path.join(target, 'x'))).toBe(true);
  });
});
