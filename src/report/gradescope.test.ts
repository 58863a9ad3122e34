import { emptyResult, HOSTILE_TEXT, hostileResult, mixedResult } from '../../test/support/grade-results';
import { renderGradescope, type GradescopeResults } from './gradescope';

const render = (r = mixedResult()) => JSON.parse(renderGradescope({ result: r })) as GradescopeResults;

describe('Gradescope results.json', () => {
  test('top level: our score (bonus capped per exercise), maximum, time in seconds, visible', () => {
    const doc = render();
    expect(doc).toMatchObject({ score: 35, max_score: 110, execution_time: 4.321, visibility: 'visible' });
    expect(doc.output).toContain('web_server: 20/65');
    expect(Object.keys(doc).sort()).toEqual(['execution_time', 'max_score', 'output', 'score', 'tests', 'visibility']);
  });

  test('one test per check: exercise › title, number, output with hint and slide, tags, status', () => {
    const tests = render().tests;
    expect(tests.map((t) => t.number)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3']);
    expect(tests[1]).toEqual({
      score: 0,
      max_score: 25,
      name: 'web_server › http://localhost:8080/ shows the greeting',
      number: '1.2',
      output:
        'The page on port 8080 does not contain "Hello from a web server"\nWhat to do: docker run -d -p 8080:80 web_server\nSlide: “Check that our web server is running”',
      tags: ['web_server', 'http.get'],
      visibility: 'visible',
      status: 'failed',
    });
    expect(tests.map((t) => t.status)).toEqual(['passed', 'failed', 'failed', 'failed', 'passed', 'passed', 'failed', 'failed']);
    expect(tests[3]!.output).toMatch(/^The grader could not decide this check: /);
  });

  test('bonus checks: max_score 0, the points earned as score, tagged', () => {
    const tests = render().tests;
    expect(tests[4]).toMatchObject({
      score: 10,
      max_score: 0,
      name: 'web_server › A second web_server on host port 8081 (bonus)',
      tags: ['web_server', 'container.config', 'bonus'],
    });
    expect(tests[7]).toMatchObject({ score: 0, max_score: 0, status: 'failed' });
    // Without bonus maxima, the tests' maxima add up to the top-level maximum.
    const doc = render();
    expect(doc.tests.reduce((s, t) => s + t.max_score, 0)).toBe(doc.max_score);
  });

  test('hostile strings are data: the document parses and keeps them', () => {
    const doc = render(hostileResult());
    expect(doc.tests[0]!.name).toBe(`web_server › Container ${HOSTILE_TEXT}`);
  });

  test('an empty run', () => {
    expect(render(emptyResult())).toMatchObject({ score: 0, max_score: 0, tests: [] });
  });
});
