import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attempt } from '../../test/support/grade-results';
import { memoryIo } from '../../test/support/memory-io';
import { appendToHistory } from '../history/store';
import { main } from './main';

const NO_STACK = /\n\s+at .+\(.*:\d+:\d+\)/;
function expectOneLine(out: { stdout: string; stderr: string }, pattern: RegExp) {
  expect(out.stdout).toBe('');
  expect(out.stderr).not.toMatch(NO_STACK);
  expect(out.stderr.trim().split('\n')).toHaveLength(1);
  expect(out.stderr.trim()).toMatch(pattern);
}

let dir: string;
let historyFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grade-report-cmd-'));
  historyFile = path.join(dir, 'history.jsonl');
});

function seedHistory() {
  appendToHistory(historyFile, attempt('2026-11-26T09:00:00.000Z', { web_server: 90 }));
  appendToHistory(historyFile, attempt('2026-11-26T10:00:00.000Z', { web_server: 40, memory_limits: 100 }));
}

describe('grade report', () => {
  test('renders the chosen formats from the history, latest result per exercise with best so far', async () => {
    seedHistory();
    const { io, out } = memoryIo(dir);
    const code = await main(['report', '--history', historyFile, '--format', 'html,junit,csv', '--out', 'out'], io);
    // The summary is the command's output: stdout, where `grade report > out.txt` keeps it.
    expect([code, out.stdout]).toEqual([0, expect.stringContaining('best so far: 90/100 on 2026-11-26 09:00 UTC')]);
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain(`report: ${path.join(dir, 'out', 'grade-report.html')}`);
    const html = readFileSync(path.join(dir, 'out', 'grade-report.html'), 'utf8');
    expect(html).toContain('Best earlier: <strong class="best">90/100</strong>');
    expect(readFileSync(path.join(dir, 'out', 'grade-scores.csv'), 'utf8')).toBe('student,web_server,memory_limits,total\r\ns1234,40,100,140\r\n');
    expect(existsSync(path.join(dir, 'out', 'grade-result.json'))).toBe(false);
  });

  test('in Italian: from --lang, else from the locale; an unknown --lang is one line, exit 2', async () => {
    seedHistory();
    const viaOption = memoryIo(dir, { LANG: 'en_US.UTF-8' });
    expect(await main(['report', '--history', historyFile, '--out', 'it1', '--lang', 'it'], viaOption.io)).toBe(0);
    expect(readFileSync(path.join(dir, 'it1', 'grade-report.html'), 'utf8')).toContain('<html lang="it">');
    expect(viaOption.out.stdout).toContain('Riepilogo');

    const viaLocale = memoryIo(dir, { LC_ALL: 'it_IT.UTF-8' });
    expect(await main(['report', '--history', historyFile, '--out', 'it2'], viaLocale.io)).toBe(0);
    expect(readFileSync(path.join(dir, 'it2', 'grade-report.html'), 'utf8')).toContain('Prossimi passi');

    const english = memoryIo(dir, {});
    expect(await main(['report', '--history', historyFile, '--out', 'en'], english.io)).toBe(0);
    expect(readFileSync(path.join(dir, 'en', 'grade-report.html'), 'utf8')).toContain('<html lang="en">');

    const bad = memoryIo(dir);
    expect(await main(['report', '--history', historyFile, '--lang', 'fr'], bad.io)).toBe(2);
    expectOneLine(bad.out, /^grade: unknown language "fr" for --lang — known languages: en, it$/);
  });

  test('after an Italian run: the frame is Italian like the checks, whatever the locale; --lang still wins', async () => {
    appendToHistory(historyFile, attempt('2026-11-26T09:00:00.000Z', { web_server: 90 }, { lang: 'it' }));
    const english = memoryIo(dir, { LANG: 'en_US.UTF-8' });
    expect(await main(['report', '--history', historyFile, '--out', 'after-it'], english.io)).toBe(0);
    expect(english.out.stdout).toContain('Riepilogo');
    expect(english.out.stdout).not.toContain('Recap');
    expect(readFileSync(path.join(dir, 'after-it', 'grade-report.html'), 'utf8')).toContain('<html lang="it">');
    const asked = memoryIo(dir, { LANG: 'it_IT.UTF-8' });
    expect(await main(['report', '--history', historyFile, '--out', 'asked', '--lang', 'en'], asked.io)).toBe(0);
    expect(asked.out.stdout).toContain('Recap');
  });

  test('$GRADE_HISTORY names the file; exercise ids narrow the report', async () => {
    seedHistory();
    const { io, out } = memoryIo(dir, { GRADE_HISTORY: historyFile });
    expect(await main(['report', 'memory_limits', '--format', 'json', '--out', dir], io)).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(dir, 'grade-result.json'), 'utf8'));
    expect(doc.exercises.map((e: { id: string }) => e.id)).toEqual(['memory_limits']);
    expect(out.stdout).toContain('Total 100/100');
  });

  test('no history, a damaged one, an exercise never graded, an unknown format: exit 2 with one line', async () => {
    let run = memoryIo(dir);
    expect(await main(['report', '--history', historyFile], run.io)).toBe(2);
    expectOneLine(run.out, /^grade: no history at .*history\.jsonl — grade an exercise first/);

    seedHistory();
    run = memoryIo(dir);
    expect(await main(['report', '--history', historyFile, 'bridge_isolation'], run.io)).toBe(2);
    expectOneLine(run.out, /^grade: no graded attempt of bridge_isolation for unix:\/\/\/var\/run\/docker\.sock in history .* — grade it first/);

    run = memoryIo(dir);
    expect(await main(['report', '--history', historyFile, '--format', 'pdf'], run.io)).toBe(2);
    expectOneLine(run.out, /^grade: unknown report format "pdf" — known formats: html, json, junit, csv, gradescope$/);

    writeFileSync(historyFile, 'not a history\n');
    run = memoryIo(dir);
    expect(await main(['report', '--history', historyFile], run.io)).toBe(2);
    expectOneLine(run.out, /^grade: history .*history\.jsonl: is not a grade history file — move it away/);
    expect(readFileSync(historyFile, 'utf8')).toBe('not a history\n');
  });
});

describe('grade: checks that come before any engine is contacted', () => {
  test('an unknown --format', async () => {
    const { io, out } = memoryIo(dir);
    expect(await main(['--format', 'html,xlsx'], io)).toBe(2);
    expectOneLine(out, /^grade: unknown report format "xlsx" — known formats: html, json, junit, csv, gradescope$/);
  });

  test('a damaged history stops grading before it starts, and is left as it was', async () => {
    writeFileSync(historyFile, `${JSON.stringify({ format: 'grade-history', version: 1 })}\ngarbage\n`);
    const { io, out } = memoryIo(dir);
    expect(await main(['web_server', '--history', historyFile], io)).toBe(2);
    expectOneLine(out, /^grade: history .*history\.jsonl:2: not a JSON line, the history is damaged/);
    expect(readFileSync(historyFile, 'utf8')).toContain('garbage');
  });

  test('--help shows the new options, and report has its own help', async () => {
    let run = memoryIo(dir);
    expect(await main(['--help'], run.io)).toBe(0);
    for (const o of ['--format <list>', '--history <file>', '--no-history', '--no-reports', 'report']) expect(run.out.stdout).toContain(o);
    run = memoryIo(dir);
    expect(await main(['report', '--help'], run.io)).toBe(0);
    for (const o of ['--history <file>', '--format <list>', '--out <dir>']) expect(run.out.stdout).toContain(o);
  });
});
