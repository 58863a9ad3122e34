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
    // Expected and found (patterns, raw values) are folded under Details; a failed check's command to see it stays in view.
    expect(html).toMatch(/<details><summary>Details<\/summary>/);
    expect(html).toContain('<dt>Expected</dt>');
    expect(html).not.toMatch(/<\/details>\s*<dl class="evidence">/);
  });
});

describe('HTML report with fixtures', () => {
  test('every check status, bonus badge, hints only for failures', () => {
    const html = renderHtml({ result: mixedResult() });
    for (const label of ['passed', 'failed', 'skipped', 'not decided']) expect(html).toContain(`>${label}</span>`);
    expect(html).toContain('<span class="tag">bonus</span>');
    expect(html).toContain('What to do:</strong> docker run -d -p 8080:80 web_server <em>(slide “Check that our web server is running”)</em>');
    expect(html).toContain('<strong>35/110</strong>');
    // No history given: no attempts section.
    expect(html).not.toContain('class="history"');
  });

  test('attempt history per exercise: this attempt, the best earlier one, and earlier attempts most recent first', () => {
    const earlier = [attempt('2026-11-26T09:00:00.000Z', { web_server: 30 }), attempt('2026-11-26T10:00:00.000Z', { web_server: 80 })];
    const result = mixedResult();
    const html = renderHtml({ result, history: historyFor(result, earlier), timeZone: 'Europe/Rome' });
    const web = html.slice(html.indexOf('id="ex-web_server"'), html.indexOf('id="ex-bridge_isolation"'));
    expect(web).toContain('This attempt (27 Nov 2026, 13:00 CET): <strong>20/65</strong>');
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

describe('HTML report that teaches', () => {
  const between = (html: string, from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)));

  test('next steps first: failed and undecided checks in course order, bonus last, each linking to its row', () => {
    const html = renderHtml({ result: mixedResult() });
    const steps = between(html, '<section class="steps"', '</section>');
    const links = [...steps.matchAll(/<a href="#([^"]+)"><strong>([^<]+)<\/strong><\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['check-web_server-page', 'http://localhost:8080/ shows the greeting'],
      ['check-web_server-stats', 'docker stats answers'],
      ['check-bridge_isolation-isolated', 'test1 cannot reach test3'],
      ['check-bridge_isolation-two', 'A container on two bridges'],
    ]);
    for (const [anchor] of links) expect(html).toContain(`<tr id="${anchor}">`);
    expect(steps).toContain('docker network disconnect bridge test3');
    expect(steps).toContain('slide “Multiple bridges (2)”');
    // The timed-out check says what to do instead of a hint.
    expect(steps).toContain('Wait a minute and grade again: grade web_server.');
    expect(html.indexOf('<section class="steps"')).toBeLessThan(html.indexOf('id="ex-web_server"'));
  });

  test('the hint’s command is a code element of its own, under the check and in the next steps', () => {
    const result = mixedResult();
    result.exercises[0]!.checks.find((c) => c.id === 'page')!.hintCommand = 'docker run -d -p 8080:80 web_server';
    const html = renderHtml({ result });
    expect(html.match(/<code class="command">docker run -d -p 8080:80 web_server<\/code>/g)).toHaveLength(2);
  });

  test('a bonus not earned is neutral, not a red failure', () => {
    const html = renderHtml({ result: mixedResult() });
    const row = between(html, '<tr id="check-bridge_isolation-two">', '</tr>');
    expect(row).toContain('<span class="status status-neutral">not earned</span>');
    expect(row).not.toContain('status-fail');
  });

  test('undecided checks carry advice derived from the message id or text', () => {
    const result = mixedResult();
    const stats = result.exercises[0]!.checks.find((c) => c.id === 'stats')!;
    Object.assign(stats, { message: 'The grader could not decide: connect ENOENT /var/run/docker.sock' });
    expect(renderHtml({ result })).toContain('Start the engine (sudo systemctl start docker)');
    Object.assign(stats, { message: 'The registry is rate-limiting: 429 (try again in 6 h)', messageId: 'rateLimited' });
    expect(renderHtml({ result })).toContain('Docker Hub is limiting requests for now.');
  });

  test('every check passed: no list of steps, a word of praise', () => {
    const result = attempt('2026-11-27T12:00:00.000Z', { web_server: 100 });
    const html = renderHtml({ result });
    expect(html).not.toContain('<ol class="steps">');
    expect(html).toContain('Every check passed. Well done!');
  });

  test('exercises not graded are listed with the reason', () => {
    const result = { ...mixedResult(), notGraded: [{ id: 'docker_hub_push', title: 'Push <b>', reason: 'needs dockerhub_user: run grade init' }] };
    const section = between(renderHtml({ result }), '<section class="not-graded"', '</section>');
    expect(section).toContain('<strong>Push &lt;b&gt;</strong> <code class="id">docker_hub_push</code>: needs dockerhub_user: run grade init');
  });

  test('attempts over time as an inline SVG: one dot per attempt, this one last and filled', () => {
    const earlier = [attempt('2026-11-26T09:00:00.000Z', { web_server: 30 }), attempt('2026-11-26T10:00:00.000Z', { web_server: 80 })];
    const result = mixedResult();
    const html = renderHtml({ result, history: historyFor(result, earlier), timeZone: 'UTC' });
    const svg = between(html, '<svg class="chart"', '</svg>');
    const dots = [...svg.matchAll(/<circle( class="current")? cx="([\d.]+)" cy="([\d.]+)" r="3.5"><title>([^<]+)<\/title>/g)];
    expect(dots.map((d) => d[4])).toEqual(['26 Nov 2026, 09:00 UTC: 30/100', '26 Nov 2026, 10:00 UTC: 80/100', '27 Nov 2026, 12:00 UTC: 20/65']);
    expect(dots.map((d) => Boolean(d[1]))).toEqual([false, false, true]);
    // A larger share of the maximum, a higher dot (smaller y): 80 % above 31 % (20/65) above 30 %.
    const ys = dots.map((d) => Number(d[3]));
    expect(ys[1]).toBeLessThan(ys[2]!);
    expect(ys[2]).toBeLessThan(ys[0]!);
  });

  test('Italian: labels, status words, advice and dates in Italian; the result’s own text untouched', () => {
    const result = mixedResult();
    const html = renderHtml({ result, lang: 'it', timeZone: 'Europe/Rome' });
    expect(html).toContain('<html lang="it">');
    for (const s of [
      'Prossimi passi',
      'non superato',
      'non ottenuto',
      'Cosa fare:',
      '27 nov 2026, 13:00 CET',
      'Aspetta un minuto e valuta di nuovo: grade web_server.',
    ]) {
      expect([s, html.includes(s)]).toEqual([s, true]);
    }
    expect(html).toContain('docker run -d -p 8080:80 web_server');
  });

  test('a student whose name is their id is named once', () => {
    const html = renderHtml({ result: { ...mixedResult(), student: { id: 's01', name: 's01' } } });
    expect(html).toContain('<dd>s01</dd>');
  });
});
