import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classOf30 } from '../../test/support/class-fixtures';
import { buildClassReport, renderClassHtml, writeClassReport } from './class-report';
import { writeHostOutcome } from './host-outcome';

describe('class report of 30 students (built in memory, no engine)', () => {
  const { out, hosts } = classOf30();
  const { report } = buildClassReport(out, hosts);

  test('summary and the aggregates an instructor reads after the lab', () => {
    expect(report.summary).toEqual({ hosts: 30, graded: 25, errored: 3, pending: 2 });
    const [web, bridge] = report.aggregates;
    expect(web!.histogram.map((b) => b.count)).toEqual([0, 7, 2, 11, 1, 4]);
    expect(web!.checks.map((c) => [c.id, c.passShare, c.commonFailure?.count])).toEqual([
      ['page', 0.32, 8],
      ['expose', 0.5, 12],
      ['image', 0.92, 2],
      ['second', 0.2, 20],
    ]);
    expect(web!.checks[0]!.commonFailure!.messageId).toBe('noAnswer');
    expect(bridge).toMatchObject({ id: 'bridge_isolation', graded: 24 });
    expect(bridge!.checks.map((c) => [c.id, c.passShare, c.commonFailure?.message])).toEqual([
      ['isolated', 0.25, 'test1 reaches test3'],
      ['bridge', 1, undefined],
    ]);
  });

  test('class.json carries the same aggregates as the page', () => {
    const { files } = writeClassReport(out, hosts);
    const json = JSON.parse(
      readFileSync(
        files.find((f) => f.endsWith('class.json'))!,
        'utf8',
      ),
    );
    expect(json.aggregates).toEqual(report.aggregates);
  });

  test('grid: hosts not yet graded and hosts that failed span the exercise columns; a name equal to the id is shown once', () => {
    const html = renderClassHtml(report);
    const row = (id: string) => {
      const start = html.indexOf(`<code>${id}</code>`) >= 0 ? html.indexOf(`<code>${id}</code>`) : html.indexOf(`>${id}</a>`);
      return html.slice(html.lastIndexOf('<tr>', start), html.indexOf('</tr>', start));
    };
    expect(row('s29')).toContain('<td class="pending why" colspan="2">not graded yet</td>');
    expect(row('s26')).toContain('colspan="2">not graded: cannot connect: connect ECONNREFUSED 10.0.0.26:22</td>');
    expect(html).toContain('<a href="hosts/s05/grade-report.html">s05</a></th>');
    expect(html).not.toMatch(/s05<\/a> <code>s05<\/code>/);
    expect(row('s25')).toContain('<td class="num absent">—</td>');
  });

  test('Italian class report', () => {
    const html = renderClassHtml(report, { lang: 'it', timeZone: 'Europe/Rome' });
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('Cosa rispiegare');
    expect(html).toContain('25 host su 30 valutati');
  });
});

describe('class report edge cases', () => {
  test('zero exercises: no exercise column and no empty spanning cell', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'grade-class-empty-'));
    writeHostOutcome(
      out,
      { schemaVersion: 1, id: 's01', name: 's01', endpoint: 'ssh://x', state: 'error', error: 'down', startedAt: '2026-11-27T09:00:00.000Z', durationMs: 1 },
      undefined,
      [],
    );
    const { report } = buildClassReport(out);
    expect(report.exercises).toEqual([]);
    expect(report.aggregates).toEqual([]);
    const html = renderClassHtml(report);
    expect(html).not.toContain('colspan');
    expect(html).toContain('No exercise graded yet.');
    expect(html).not.toContain('What to re-explain');
  });
});
