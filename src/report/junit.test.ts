import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { emptyResult, HOSTILE, hostileResult, mixedResult } from '../../test/support/grade-results';
import { renderJunit } from './junit';
import { escapeXml } from './xml';

/** saxes checks XML 1.0 well-formedness strictly (characters, `]]>`, references); fast-xml-parser does not. */
function wellFormednessErrors(xml: string): string[] {
  const errors: string[] = [];
  const p = new SaxesParser();
  p.on('error', (e) => errors.push(e.message));
  p.write(xml).close();
  return errors;
}

interface Case {
  classname: string;
  name: string;
  time: string;
  failure?: { message: string; type: string; '#text': string };
  error?: { message: string; '#text': string };
  skipped?: { message: string };
  'system-out': string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  time: string;
  testcase?: Case[];
}

function parse(xml: string): { testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite?: Suite[] } } {
  expect(wellFormednessErrors(xml)).toEqual([]);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true, // decode &#10; and friends
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  return parser.parse(xml);
}

describe('JUnit XML', () => {
  test('one suite per exercise, one case per check, with failure / error / skipped', () => {
    const doc = parse(renderJunit({ result: mixedResult() }));
    expect(doc.testsuites).toMatchObject({ tests: '8', failures: '2', errors: '1', skipped: '2' });
    const [web, bridge] = doc.testsuites.testsuite!;
    expect(web).toMatchObject({ name: 'web_server', tests: '5', failures: '1', errors: '1', skipped: '1', time: '0.060' });
    expect(web!.testcase!.map((c) => [c.classname, c.name])).toEqual([
      ['web_server', 'Image web_server exists'],
      ['web_server', 'http://localhost:8080/ shows the greeting'],
      ['web_server', 'CMD runs apachectl'],
      ['web_server', 'docker stats answers'],
      ['web_server', 'A second web_server on host port 8081'],
    ]);
    const [pass, fail, skip, error, bonus] = web!.testcase!;
    expect(pass!.failure ?? pass!.error ?? pass!.skipped).toBeUndefined();
    expect(pass!['system-out']).toBe('Points: 10/10');
    expect(fail!.failure!.message).toBe('The page on port 8080 does not contain "Hello from a web server"');
    expect(fail!.failure!['#text']).toBe(
      'The page on port 8080 does not contain "Hello from a web server"\nWhat to do: docker run -d -p 8080:80 web_server\nSlide: “Check that our web server is running”',
    );
    expect(skip!.skipped!.message).toBe('Skipped: needs image');
    expect(error!.error!.message).toBe('the check did not finish within 30 s');
    expect(bonus!['system-out']).toBe('Points: 10/10 (bonus)');
    // A missed bonus never fails the run, so it is no failure here either.
    expect(bridge).toMatchObject({ name: 'bridge_isolation', tests: '3', failures: '1', errors: '0', skipped: '1' });
    expect(bridge!.testcase![2]!.skipped!.message).toBe('bonus not earned: message of two');
  });

  test('stays well-formed whatever the strings hold, and shows them literally', () => {
    const xml = renderJunit({ result: hostileResult() });
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain(']]>');
    const doc = parse(xml);
    const cases = doc.testsuites.testsuite![0]!.testcase!;
    const clean = (s: string) => s.replace(/[\ud800\u0001\u001f\ufffe\uffff]/g, '');
    expect(cases[0]!.name).toBe(clean(`Container ${HOSTILE.script} ${HOSTILE.cdataEnd} ${HOSTILE.img} ${HOSTILE.badUtf8} ${HOSTILE.loneSurrogate}`));
    // Line breaks survive in attributes too (as references), CR included.
    expect(cases[1]!.failure!.message).toBe(clean(hostileResult().exercises[0]!.checks[1]!.message));
    expect(cases[1]!.failure!['#text']).toContain(`What to do: type ${HOSTILE.script}`);
    expect(cases[2]!.error!['#text']).toContain(HOSTILE.img);
  });

  test('an empty run is an empty, valid report', () => {
    const xml = renderJunit({ result: emptyResult() });
    const doc = parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '0', failures: '0', errors: '0', skipped: '0' });
    expect(doc.testsuites.testsuite).toBeUndefined();
  });

  test('repeated check titles stay apart (GitLab drops duplicates)', () => {
    const r = mixedResult();
    r.exercises[0]!.checks[1]!.title = r.exercises[0]!.checks[0]!.title;
    const names = parse(renderJunit({ result: r })).testsuites.testsuite![0]!.testcase!.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names[1]).toBe('Image web_server exists [page]');
  });
});

describe('escapeXml', () => {
  test('the five specials, CR as a reference; tab and LF too inside attributes', () => {
    expect(escapeXml(`&<>"'\r\t\n`)).toBe('&amp;&lt;&gt;&quot;&apos;&#13;\t\n');
    expect(escapeXml(`a\tb\nc`, 'attribute')).toBe('a&#9;b&#10;c');
  });

  test('drops what XML 1.0 forbids, keeps astral characters and U+FFFD', () => {
    expect(escapeXml(`a\u0000b\u0008c\u000bd\ud800e\udc00f\ufffeg\uffffh`)).toBe('abcdefgh');
    expect(escapeXml('🐳 \ufffd \ud83d\udc33')).toBe('🐳 \ufffd 🐳');
  });
});

describe('JUnit bodies that teach', () => {
  test('an undecided check says what to do about it; in Italian with --lang it', () => {
    const en = renderJunit({ result: mixedResult() });
    expect(en).toContain('What to do now: The check took too long, often because the engine was busy. Wait a minute and grade again: grade web_server.');
    expect(en).toContain('message="bonus not earned: message of two"');
    const it = renderJunit({ result: mixedResult(), lang: 'it' });
    expect(it).toContain('Cosa fare: docker run -d -p 8080:80 web_server');
    expect(it).toContain('Cosa fare adesso: Il controllo ha impiegato troppo tempo');
    expect(it).toContain('message="bonus non ottenuto: message of two"');
  });
});
