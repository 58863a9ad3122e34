import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileProblem } from './fallback-folder';
import { makeFolder } from './make-folder';

const failure = (dir: string) => {
  try {
    makeFolder(dir);
  } catch (e) {
    return fileProblem(e) ?? `not a file-system error: ${String(e)}`;
  }
  return 'made';
};

describe('makeFolder', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-make-folder-'));

  test('makes every missing folder, and accepts one that is there', () => {
    makeFolder(path.join(dir, 'a', 'b', 'c'));
    expect(statSync(path.join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
    makeFolder(path.join(dir, 'a', 'b', 'c'));
    makeFolder(path.join(dir, 'a', 'b', '..', 'd'));
    expect(existsSync(path.join(dir, 'a', 'd'))).toBe(true);
  });

  test('a file in the way, or the folder itself a file: what mkdir says', () => {
    writeFileSync(path.join(dir, 'file'), 'x');
    expect(failure(path.join(dir, 'file', 'below'))).toBe('ENOTDIR: not a directory');
    expect(failure(path.join(dir, 'file'))).toBe('EEXIST: file already exists');
  });

  test('under /proc: an error at once, where recursive mkdirSync loops for ever', () => {
    const t0 = Date.now();
    expect(failure('/proc/grade-out/run')).toBe('ENOENT: this file system takes no new folders');
    expect(failure('/proc/self/grade-out')).toBe('ENOENT: this file system takes no new folders');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test('under /sys: refused', () => {
    expect(failure('/sys/grade-out/run')).toMatch(/^(EPERM: operation not permitted|EACCES: permission denied)$/);
  });
});
