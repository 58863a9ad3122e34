import { attempt, emptyResult, HOSTILE, hostileResult, mixedResult } from '../../test/support/grade-results';
import { gradebookCsv, renderCsv } from './csv';

/** A small RFC 4180 reader, to check that what we write reads back as written. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += c;
  }
  expect([field, row]).toEqual(['', []]); // the last record ends with CRLF
  return rows;
}

describe('CSV gradebook', () => {
  test('header student, exercise ids, total; points per exercise; CRLF records', () => {
    const csv = renderCsv({ result: mixedResult() });
    expect(csv).toBe('student,web_server,bridge_isolation,total\r\ns1234,20,15,35\r\n');
  });

  test('the identifier: student id, else name, else the graded host', () => {
    const byName = mixedResult();
    byName.student = { name: 'Alice Example' };
    const anonymous = mixedResult();
    delete anonymous.student;
    expect(readCsv(gradebookCsv([byName, anonymous])).map((r) => r[0])).toEqual(['student', 'Alice Example', 'unix:///var/run/docker.sock']);
  });

  test('many results: one row each, a column for every exercise any of them graded, empty where one did not', () => {
    const csv = gradebookCsv([
      attempt('2026-11-27T10:00:00Z', { ubuntu_with_ping: 100, web_server: 40 }, { student: { id: 'alice' } }),
      attempt('2026-11-27T11:00:00Z', { web_server: 90, memory_limits: 50 }, { student: { id: 'bob' } }),
    ]);
    expect(readCsv(csv)).toEqual([
      ['student', 'ubuntu_with_ping', 'web_server', 'memory_limits', 'total'],
      ['alice', '100', '40', '', '140'],
      ['bob', '', '90', '50', '140'],
    ]);
  });

  test('quotes what needs quoting and defuses formulas', () => {
    const csv = renderCsv({ result: hostileResult() });
    const rows = readCsv(csv);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(3);
    // The cell reads back as text with a leading apostrophe, line break and quotes intact.
    expect(rows[1]![0]).toBe(`'${hostileResult().student!.id}`);
    expect(rows[1]![0]).toContain(HOSTILE.script);
    for (const start of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)']) {
      const r = mixedResult();
      r.student = { id: start };
      expect(readCsv(renderCsv({ result: r }))[1]![0]).toBe(`'${start}`);
    }
  });

  test('an empty run: the header and one row with a total of 0', () => {
    expect(renderCsv({ result: emptyResult() })).toBe('student,total\r\ns1234,0\r\n');
    expect(gradebookCsv([])).toBe('student,total\r\n');
  });
});
