import { attempt, emptyResult, hostileResult, mixedResult } from '../../test/support/grade-results';
import { historyFor } from '../history/attempts';
import type { GradeResult } from '../result/types';
import { renderHtml } from './html';

const hostile = '<script>alert(1)</script>';

function resultWith(text: string): GradeResult {
  return {
    schemaVersion: 1,
    grader: { name: 'grade', version: '0.0.0' },
    target: { kind: 'local', endpoint: `unix:///var/run/${text}.sock`, dockerVersion: '20.10' },
    student: { id: text, name: `"${text}"` },
    startedAt: '2026-11-27T12:00:00.000Z',
    durationMs: 1234,
    score: { points: 10, max: 20 },
    exercises: [
      {
        id: 'web_server',
        title: `Web ${text}`,
        slides: [`Slide ${text}`],
        score: { points: 10, max: 20 },
        checks: [
          {
            id: 'a',
            title: 'passes',
            kind: 'image.exists',
            status: 'pass',
            points: 10,
            maxPoints: 10,
            message: `container ${text} ]]> ok`,
            evidence: { actual: { label: text }, command: `docker inspect '${text}'` },
            durationMs: 3,
          },
          {
            id: 'b',
            title: 'fails',
            kind: 'http.get',
            status: 'fail',
            points: 0,
            maxPoints: 10,
            message: `page ${text}`,
            hint: `type ${text}`,
            slide: 'Dockerfiles',
            warning: `careful ${text}`,
            evidence: { expected: 'x', actual: `<img src=x onerror=alert(2)>` },
            durationMs: 3,
          },
        ],
      },
    ],
  };
}

describe('HTML report', () => {
  test('student-controlled text is escaped everywhere', () => {
    const html = renderHtml({ result: resultWith(hostile) });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
  });

  test('self-contained: no external URL, no script, a CSP that forbids both', () => {
    const html = renderHtml({ result: resultWith('x') });
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  test('score, hint with its slide, evidence and the command to see it', () => {
    const html = renderHtml({ result: resultWith('x') });
    expect(html).toContain('<strong>10/20</strong>');
    expect(html).toContain('50%');
    expect(html).toMatch(/What to do:<\/strong> type x <em>\(slide “Dockerfiles”\)<\/em>/);
    expect(html).toContain('$ docker inspect &#x27;x&#x27;');
    // A passing check keeps its evidence folded; a failing one shows it.
    expect(html).toMatch(/<details><summary>Evidence<\/summary>/);
    expect(html).toContain('<dt>Expected</dt>');
  });
});

describe('HTML report with fixtures', () => {
  test('every check status, bonus badge, hints only for failures', () => {
    const html = renderHtml({ result: mixedResult() });
    for (const label of ['passed', 'failed', 'skipped', 'error']) expect(html).toContain(`>${label}</span>`);
    expect(html).toContain('<span class="bonus">bonus</span>');
    expect(html).toContain('What to do:</strong> docker run -d -p 8080:80 web_server <em>(slide “Check that our web server is running”)</em>');
    expect(html).toContain('<strong>35/110</strong>');
    // No history given: no attempts section.
    expect(html).not.toContain('class="history"');
  });

  test('attempt history per exercise: this attempt, the best earlier one, and earlier attempts most recent first', () => {
    const earlier = [attempt('2026-11-26T09:00:00.000Z', { web_server: 30 }), attempt('2026-11-26T10:00:00.000Z', { web_server: 80 })];
    const result = mixedResult();
    const html = renderHtml({ result, history: historyFor(result, earlier) });
    const web = html.slice(html.indexOf('id="ex-web_server"'), html.indexOf('id="ex-bridge_isolation"'));
    expect(web).toContain('This attempt (<time datetime="2026-11-27T12:00:00.000Z">Fri, 27 Nov 2026 12:00:00 GMT</time>): <strong>20/65</strong>');
    expect(web).toContain('Best earlier: <strong class="best">80/100</strong> on <time datetime="2026-11-26T10:00:00.000Z">');
    const rows = [...web.matchAll(/<tr><td><time datetime="([^"]+)">[^<]+<\/time><\/td><td class="points">([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ['2026-11-26T10:00:00.000Z', '80/100'],
      ['2026-11-26T09:00:00.000Z', '30/100'],
    ]);
    const bridge = html.slice(html.indexOf('id="ex-bridge_isolation"'));
    expect(bridge).toContain('No earlier attempt.');
    expect(bridge).not.toContain('<table class="attempts">');
  });

  test('more earlier attempts than rows: says how many are not shown', () => {
    const earlier = Array.from({ length: 13 }, (_, i) => attempt(`2026-11-${10 + i}T09:00:00.000Z`, { web_server: i }));
    const result = mixedResult();
    expect(renderHtml({ result, history: historyFor(result, earlier) })).toContain('Earlier attempts, most recent first (3 older not shown)');
  });

  test('hostile strings from the fixtures are escaped in every field', () => {
    const html = renderHtml({ result: hostileResult(), history: historyFor(hostileResult(), [hostileResult()]) });
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
  });

  test('an empty run renders a complete page with 0/0', () => {
    const html = renderHtml({ result: emptyResult(), history: new Map() });
    expect(html).toContain('<strong>0/0</strong>');
    expect(html).toContain('0%');
    expect(html).toMatch(/<main>\s*<\/main>/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });
});
