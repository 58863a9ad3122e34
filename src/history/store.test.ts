import { setupErrorOf } from '../../test/support/setup-error';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attempt, hostileResult } from '../../test/support/grade-results';
import { withHistoryLock } from './history-lock';
import type { GradeResult } from '../result/types';
import { appendToHistory, readHistory } from './store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grade-history-'));
});

const r1 = attempt('2026-11-27T10:00:00.000Z', { web_server: 40 });
const r2 = attempt('2026-11-27T11:00:00.000Z', { web_server: 80 });
const r3 = attempt('2026-11-27T12:00:00.000Z', { web_server: 60, memory_limits: 100 });

/** Where an append of `r` must say its line landed: the end of the file, which holds exactly that line. */
function landed(file: string, r: GradeResult): { offset: number; end: number } {
  const bytes = readFileSync(file);
  const line = Buffer.from(`${JSON.stringify(r)}\n`);
  expect(bytes.subarray(bytes.length - line.length).equals(line)).toBe(true);
  return { offset: bytes.length - line.length, end: bytes.length };
}

/** A clear one-line SetupError naming the file, and the file left exactly as it was. */
function expectRefused(file: string, fn: () => unknown, pattern: RegExp) {
  const before = readFileSync(file);
  const e = setupErrorOf(fn);
  expect(e.line()).toMatch(pattern);
  expect(e.line()).toContain(file);
  expect(e.line()).not.toContain('\n');
  expect(readFileSync(file).equals(before)).toBe(true);
}

describe('history file', () => {
  test('a missing file is an empty history; the first append creates folders, header and record', () => {
    const file = path.join(dir, 'a', 'b', 'history.jsonl');
    expect(readHistory(file)).toEqual({ file, exists: false, records: [], tornBytes: 0 });
    expect(appendToHistory(file, r1)).toEqual({ created: true, droppedBytes: 0, ...landed(file, r1) });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'grade-history', version: 1 });
    expect(lines).toHaveLength(3); // header, record, and the empty string after the last newline
    expect(readHistory(file)).toEqual({ file, exists: true, records: [r1], tornBytes: 0 });
  });

  test('appends keep every earlier byte and add one line each, in order', () => {
    const file = path.join(dir, 'h.jsonl');
    appendToHistory(file, r1);
    const before = readFileSync(file);
    expect(appendToHistory(file, r2)).toEqual({ created: false, droppedBytes: 0, ...landed(file, r2) });
    appendToHistory(file, hostileResult());
    const after = readFileSync(file);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const records = readHistory(file).records;
    expect(records.slice(0, 2)).toEqual([r1, r2]);
    // Lone surrogates are written as JSON escapes and come back as they were.
    expect(records[2]).toEqual(hostileResult());
  });

  test('a torn last line (a crash mid-append) is ignored when reading, and cut off, with notice, before the next append', () => {
    const file = path.join(dir, 'h.jsonl');
    appendToHistory(file, r1);
    const torn = JSON.stringify(r2).slice(0, 100);
    appendFileSync(file, torn);
    expect(readHistory(file)).toMatchObject({ records: [r1], tornBytes: Buffer.byteLength(torn) });
    expect(appendToHistory(file, r3)).toEqual({ created: false, droppedBytes: Buffer.byteLength(torn), ...landed(file, r3) });
    expect(readHistory(file)).toMatchObject({ records: [r1, r3], tornBytes: 0 });
  });

  test('a crash during the very first write: an empty file or part of the header is an empty history', () => {
    for (const content of ['', '{"format":"grade-hi']) {
      const file = path.join(dir, `first-${content.length}.jsonl`);
      writeFileSync(file, content);
      expect(readHistory(file)).toMatchObject({ exists: true, records: [] });
      appendToHistory(file, r1);
      expect(readHistory(file).records).toEqual([r1]);
    }
  });

  test('a file that is not ours is refused, never overwritten', () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'my notes\nabout docker\n');
    expectRefused(file, () => readHistory(file), /^history .*notes\.txt: is not a grade history file — move it away/);
    expectRefused(file, () => appendToHistory(file, r1), /is not a grade history file/);
    const json = path.join(dir, 'other.json');
    writeFileSync(json, '{"format":"something-else","version":1}\n');
    expectRefused(json, () => readHistory(json), /is not a grade history file/);
    const noNewline = path.join(dir, 'blob');
    writeFileSync(noNewline, Buffer.from([0x00, 0xff, 0x10]));
    expectRefused(noNewline, () => readHistory(noNewline), /is not a grade history file/);
    expectRefused(noNewline, () => appendToHistory(noNewline, r1), /is not a grade history file/);
  });

  test('a history of a newer version is refused with advice to update', () => {
    const file = path.join(dir, 'h.jsonl');
    writeFileSync(file, `${JSON.stringify({ format: 'grade-history', version: 2 })}\n`);
    expectRefused(file, () => readHistory(file), /was written by a newer grade \(history version 2\) — update grade/);
    expectRefused(file, () => appendToHistory(file, r1), /newer grade/);
  });

  test('garbage in the middle is reported with its line number', () => {
    const file = path.join(dir, 'h.jsonl');
    appendToHistory(file, r1);
    appendFileSync(file, 'oops, an editor was here\n');
    appendFileSync(file, `${JSON.stringify(r2)}\n`);
    expectRefused(file, () => readHistory(file), /^history .*h\.jsonl:3: not a JSON line, the history is damaged — fix or delete that line/);
  });

  test('a JSON line that is not a GradeResult is reported with what is wrong', () => {
    const file = path.join(dir, 'h.jsonl');
    appendToHistory(file, r1);
    appendFileSync(file, `${JSON.stringify({ ...r2, score: { points: 'ten', max: 100 } })}\n`);
    expectRefused(file, () => readHistory(file), /h\.jsonl:3: not a grade result \(\/score\/points must be number\)/);
    const newer = path.join(dir, 'n.jsonl');
    appendToHistory(newer, r1);
    appendFileSync(newer, `${JSON.stringify({ ...r2, schemaVersion: 2 })}\n`);
    expectRefused(newer, () => readHistory(newer), /n\.jsonl:3: a result of a newer grade \(schemaVersion 2\) — update grade/);
  });

  test('a folder at the path, or a path through a file, is a clear error', () => {
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    expect(setupErrorOf(() => readHistory(folder)).line()).toMatch(/folder: is a folder, not a file — check its permissions/);
    expect(setupErrorOf(() => appendToHistory(folder, r1)).line()).toMatch(/folder: (is a folder|cannot be used)/);
    const file = path.join(dir, 'plain');
    writeFileSync(file, 'x');
    expect(setupErrorOf(() => appendToHistory(path.join(file, 'h.jsonl'), r1)).line()).toMatch(/cannot be used \((ENOTDIR|EEXIST)\)/);
  });

  test('a writer killed at any moment leaves a history that still reads, and can be appended to', async () => {
    const store = path.resolve(__dirname, '..', '..', 'dist', 'src', 'history', 'store.js');
    expect(existsSync(store)).toBe(true); // npm test builds first
    const file = path.join(dir, 'killed.jsonl');
    const script = `const { appendToHistory } = require(${JSON.stringify(store)});
      const r = ${JSON.stringify(r1)};
      r.exercises[0].title = 'x'.repeat(200000);
      for (;;) appendToHistory(${JSON.stringify(file)}, r);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    try {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (!existsSync(file) || readFileSync(file).length < 2_000_000)) await new Promise((r) => setTimeout(r, 20));
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const h = readHistory(file);
    expect(h.records.length).toBeGreaterThanOrEqual(5);
    appendToHistory(file, r2);
    expect(readHistory(file).records.at(-1)).toEqual(r2);
  });
});

describe('history writers at the same time', () => {
  const store = path.resolve(__dirname, '..', '..', 'dist', 'src', 'history', 'store.js');

  /** A grader in another process: says "ready" just before appending `count` records. */
  function writer(file: string, record: object, count: number) {
    const script = `const { appendToHistory } = require(${JSON.stringify(store)});
      process.stdout.write('ready\\n');
      for (let i = 0; i < ${count}; i++) appendToHistory(${JSON.stringify(file)}, ${JSON.stringify(record)});`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { ready, exited };
  }

  test("a repair never cuts another grader's append that is still being written", async () => {
    expect(existsSync(store)).toBe(true); // npm test builds first
    const file = path.join(dir, 'busy.jsonl');
    appendToHistory(file, r1);
    // Another grader holds the lock and is halfway through writing its line (a large record, written in pieces).
    writeFileSync(`${file}.lock`, `${process.pid}@${os.hostname()}\n`);
    const other = `${JSON.stringify(r2)}\n`;
    appendFileSync(file, other.slice(0, 100));
    const w = writer(file, r3, 1);
    await w.ready;
    await new Promise((r) => setTimeout(r, 500)); // the writer now looks at the file: a "torn" last line
    appendFileSync(file, other.slice(100));
    rmSync(`${file}.lock`);
    expect(await w.exited).toBe(0);
    expect(readHistory(file)).toMatchObject({ records: [r1, r2, r3], tornBytes: 0 });
  });

  test('two graders appending while a torn line is repaired lose no record', async () => {
    const file = path.join(dir, 'two.jsonl');
    appendToHistory(file, r1);
    appendFileSync(file, JSON.stringify(r2).slice(0, 50)); // a crash's leftover
    const writers = [writer(file, r2, 40), writer(file, r3, 40)];
    expect(await Promise.all(writers.map((w) => w.exited))).toEqual([0, 0]);
    const h = readHistory(file);
    expect(h.tornBytes).toBe(0);
    expect(h.records.filter((r) => r.startedAt === r2.startedAt)).toHaveLength(40);
    expect(h.records.filter((r) => r.startedAt === r3.startedAt)).toHaveLength(40);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  test('a lock left by a grader that was killed is broken; one held by a running grader is waited for, then an error', () => {
    const file = path.join(dir, 'stale.jsonl');
    appendToHistory(file, r1);
    writeFileSync(`${file}.lock`, `999999999@${os.hostname()}\n`); // no such process
    appendToHistory(file, r2);
    expect(readHistory(file).records).toEqual([r1, r2]);
    writeFileSync(`${file}.lock`, `${process.pid}@${os.hostname()}\n`); // this process: running
    expect(() => withHistoryLock(file, () => 'never', 100)).toThrow(`locked by ${process.pid}@${os.hostname()}`);
  });
});
