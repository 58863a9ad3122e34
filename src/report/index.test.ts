import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SetupError } from '../errors/setup-error';
import { mixedResult } from '../../test/support/grade-results';
import { defaultReportFormats, parseFormats, reportFormats, reporters, writeReports } from './index';

describe('report formats', () => {
  test('the map holds the five formats, each with its own file', () => {
    expect(reportFormats).toEqual(['html', 'json', 'junit', 'csv', 'gradescope']);
    const files = Object.values(reporters).map((r) => r.file);
    expect(new Set(files).size).toBe(files.length);
    expect(defaultReportFormats).toEqual(['html', 'json']);
  });

  test('--format: comma-separated, spaces and case forgiven, each once', () => {
    expect(parseFormats('html,json')).toEqual(['html', 'json']);
    expect(parseFormats(' JUnit , csv,junit,')).toEqual(['junit', 'csv']);
  });

  test('an unknown format is one line naming the known ones', () => {
    expect(() => parseFormats('html,pdf')).toThrow(SetupError);
    try {
      parseFormats('html,pdf');
    } catch (e) {
      expect((e as SetupError).line()).toBe('unknown report format "pdf" — known formats: html, json, junit, csv, gradescope');
    }
    expect(() => parseFormats(' , ')).toThrow(/no report format given/);
    expect(() => parseFormats('toString')).toThrow(/unknown report format "tostring"/);
  });

  test('writeReports writes the formats asked for, and no temp files', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-reports-')), 'nested');
    const files = writeReports({ result: mixedResult() }, out, reportFormats);
    expect(files.map((f) => path.basename(f))).toEqual(['grade-report.html', 'grade-result.json', 'grade-junit.xml', 'grade-scores.csv', 'results.json']);
    expect(readdirSync(out).sort()).toEqual(files.map((f) => path.basename(f)).sort());
    expect(readFileSync(path.join(out, 'grade-scores.csv'), 'utf8')).toContain('s1234,20,15,35');
  });
});
