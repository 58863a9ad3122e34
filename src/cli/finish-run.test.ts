import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attempt, mixedResult } from '../../test/support/grade-results';
import { memoryIo } from '../../test/support/memory-io';
import { readAttemptHistory } from '../history/attempt-index';
import { appendToHistory, readHistory } from '../history/store';
import { TerminalReporter } from '../report/terminal';
import { finishRun } from './finish-run';
import type { CliIo } from './io';

let dir: string;
let historyFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grade-finish-'));
  historyFile = path.join(dir, 'history.jsonl');
  appendToHistory(historyFile, attempt('2026-11-26T09:00:00.000Z', { web_server: 90 }));
});

describe('after a complete run (finishRun)', () => {
  function terminalOn(io: CliIo) {
    return new TerminalReporter(io.stderr, io.env);
  }

  test('reports carry the earlier attempts, the summary says best so far, then the run is appended', () => {
    const { io, out } = memoryIo(dir);
    const result = mixedResult();
    const history = readAttemptHistory(historyFile);
    finishRun(result, { out: dir, reports: true, formats: ['html', 'json'], json: true, history }, io, terminalOn(io));
    expect(out.stderr).toContain('best so far: 90/100 on 2026-11-26 09:00 UTC');
    expect(out.stderr).toContain(`history: ${historyFile}`);
    expect(JSON.parse(out.stdout)).toEqual(result);
    expect(readFileSync(path.join(dir, 'grade-report.html'), 'utf8')).toContain('Best earlier: <strong class="best">90/100</strong>');
    // The JSON report is the GradeResult alone: history never changes its shape.
    expect(JSON.parse(readFileSync(path.join(dir, 'grade-result.json'), 'utf8'))).toEqual(result);
    expect(readHistory(historyFile).records.at(-1)).toEqual(result);
  });

  test('--no-history: nothing read, nothing appended, no history in the reports', () => {
    const { io, out } = memoryIo(dir);
    const before = readFileSync(historyFile);
    finishRun(mixedResult(), { out: dir, reports: true, formats: ['html'], json: false }, io, terminalOn(io));
    expect(readFileSync(historyFile).equals(before)).toBe(true);
    expect(existsSync(path.join(dir, 'grade-report.html'))).toBe(true);
    expect(out.stderr).not.toContain('history');
    expect(readFileSync(path.join(dir, 'grade-report.html'), 'utf8')).not.toContain('class="history"');
  });

  test('a history that cannot be written costs a warning, not the grading', () => {
    const { io, out } = memoryIo(dir);
    // A path through a plain file can never be created.
    writeFileSync(path.join(dir, 'blocker'), '');
    const history = { file: path.join(dir, 'blocker', 'history.jsonl'), before: () => new Map(), appended: () => undefined };
    expect(() => finishRun(mixedResult(), { out: dir, reports: false, formats: [], json: false, history }, io, terminalOn(io))).not.toThrow();
    expect(out.stderr).toMatch(/grade: this run was not added to the history: history .*blocker\/history\.jsonl: cannot be used/);
  });

  test('in Italian, the lines about the history are Italian too', () => {
    const { io, out } = memoryIo(dir);
    finishRun(mixedResult(), { out: dir, reports: false, formats: [], json: false, history: readAttemptHistory(historyFile), lang: 'it' }, io, terminalOn(io));
    expect(out.stderr).toContain(`cronologia: ${historyFile}`);
    expect(out.stderr).not.toContain('history:');
    const blocked = memoryIo(dir);
    writeFileSync(path.join(dir, 'blocker'), '');
    const unwritable = { file: path.join(dir, 'blocker', 'history.jsonl'), before: () => new Map(), appended: () => undefined };
    finishRun(mixedResult(), { out: dir, reports: false, formats: [], json: false, history: unwritable, lang: 'it' }, blocked.io, terminalOn(blocked.io));
    expect(blocked.out.stderr).toMatch(/^grade: questa esecuzione non è stata aggiunta alla cronologia: /m);
  });

  test('reports that cannot go to --out go to the first fallback that takes them, named in one line after the summary', () => {
    const { io, out } = memoryIo(dir);
    writeFileSync(path.join(dir, 'blocker'), '');
    const fallback = path.join(dir, 'fallback');
    const result = mixedResult();
    finishRun(
      result,
      {
        out: path.join(dir, 'blocker', 'reports'),
        reports: true,
        formats: ['html', 'json'],
        json: true,
        fallbackFolders: [path.join(dir, 'blocker', 'too'), fallback],
      },
      io,
      terminalOn(io),
    );
    expect(JSON.parse(out.stdout)).toEqual(result);
    const lines = out.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(`grade: could not write the reports to ${dir}/blocker/reports (ENOTDIR: not a directory); they are in ${fallback}`);
    // The summary (its total) comes before that line, and lists the files where they are.
    expect(out.stderr.indexOf('Total')).toBeLessThan(out.stderr.indexOf('grade: could not write'));
    expect(out.stderr).toContain(`report: ${fallback}/grade-report.html`);
    expect(JSON.parse(readFileSync(path.join(fallback, 'grade-result.json'), 'utf8'))).toEqual(result);
  });

  test('when no folder takes the reports: the summary and the JSON still, and one line saying so (Italian too)', () => {
    const { io, out } = memoryIo(dir);
    writeFileSync(path.join(dir, 'blocker'), '');
    const result = mixedResult();
    const opts = {
      out: path.join(dir, 'blocker', 'a'),
      reports: true,
      formats: ['json'] as const,
      json: true,
      fallbackFolders: [path.join(dir, 'blocker', 'b')],
    };
    finishRun(result, opts, io, terminalOn(io));
    expect(JSON.parse(out.stdout)).toEqual(result);
    expect(out.stderr.trim().split('\n').at(-1)).toBe(
      `grade: could not write the reports to ${dir}/blocker/a (ENOTDIR: not a directory) nor to ${dir}/blocker/b; the result above is all there is`,
    );
    const it = memoryIo(dir);
    finishRun(result, { ...opts, lang: 'it' }, it.io, terminalOn(it.io));
    expect(it.out.stderr).toContain(`grade: non ho potuto scrivere i rapporti né in ${dir}/blocker/a (ENOTDIR: not a directory) né in ${dir}/blocker/b`);
  });

  test('--json --watch: each run is one line of JSON (JSON Lines)', () => {
    const { io, out } = memoryIo(dir);
    const result = mixedResult();
    for (let i = 0; i < 2; i++) finishRun(result, { out: dir, reports: false, formats: [], json: true, jsonLines: true }, io, terminalOn(io));
    const lines = out.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([result, result]);
  });
});
