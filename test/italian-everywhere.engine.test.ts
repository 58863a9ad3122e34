import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkKinds } from '../checks';
import { loadExercises } from '../src/exercise/load';
import { catalog } from '../src/messages/catalog';
import { defaultExercisesDir } from '../src/package/package-info';
import { runGrade } from './support/run-cli';

/*
 * A student or instructor whose locale is Italian runs each command and reads
 * no English phrase of grade's own. The phrases are the English catalogue's and
 * the check kinds' messages, cut at their {{placeholders}}, plus commander's
 * words: a fragment of three words or more that no Italian text also holds (a
 * docker command is the same in both) fails the test wherever it shows.
 * Engine and SSH text quoted as it came (an error code, a container's log) is
 * not grade's phrase and is not looked for.
 */

const ITALIAN = { LC_ALL: '', LC_MESSAGES: '', LANG: 'it_IT.UTF-8' };

const italianTexts = [
  ...Object.values(catalog.it),
  ...Object.values(checkKinds).flatMap((k) => Object.values(k.meta.messagesIt as Record<string, string>)),
  ...loadExercises(defaultExercisesDir).flatMap((e) => [JSON.stringify(e)]),
];

/** English fragments of three words or more that are grade's own words. */
function englishPhrases(): string[] {
  const english = [
    ...Object.entries(catalog.en)
      .filter(([id, text]) => text !== (catalog.it as Record<string, string>)[id])
      .map(([, text]) => text),
    ...Object.values(checkKinds).flatMap((k) => Object.values(k.meta.messages as Record<string, string>)),
  ];
  const fragments = english
    .flatMap((t) => t.split(/\{\{\s*\w+\s*\}\}|[()—:;·]/))
    .map((f) => f.trim().replace(/^[,.'"“”\s-]+|[,.'"“”\s-]+$/g, ''))
    .filter((f) => f.split(/\s+/).filter((w) => /^[A-Za-z’']+$/.test(w)).length >= 3);
  return [...new Set(fragments)].filter((f) => !italianTexts.some((it) => it.includes(f)));
}

/** Commander's own words, which it writes unless grade gives its help and errors in the run's language. */
const COMMANDER = [
  'Usage:',
  'Options:',
  'Commands:',
  'Arguments:',
  '(default:',
  'display help for command',
  'unknown option',
  'missing required argument',
  '[options]',
  'output the version number',
];

function englishIn(output: string): string[] {
  return [...englishPhrases(), ...COMMANDER].filter((p) => output.includes(p));
}

const textOfHtml = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-italian-'));
const env = { ...ITALIAN, GRADE_HISTORY: path.join(dir, 'history.jsonl'), GRADE_CONFIG: path.join(dir, 'config.yaml') };
const it = (args: string[]) => runGrade(args, { env, cwd: dir });

describe('everything in Italian under an Italian locale', () => {
  test('the phrase list is not empty and finds English (the test can fail)', () => {
    expect(englishPhrases().length).toBeGreaterThan(200);
    expect(englishIn('Next step: do this — grading interrupted; no report written')).not.toEqual([]);
  });

  const helpOf = [[], ['list'], ['validate'], ['batch'], ['repo'], ['merge'], ['init'], ['report'], ['board'], ['board', 'revoke'], ['completion']];
  test.each(helpOf.map((c) => ({ name: [...c, '--help'].join(' '), args: [...c, '--help'] })))('grade $name', async ({ args }) => {
    const r = await it(args);
    expect(r.code).toBe(0);
    expect(englishIn(r.stdout + r.stderr)).toEqual([]);
  });

  test.each([
    { name: 'list', args: ['list'], code: 0 },
    { name: 'validate', args: ['validate'], code: 0 },
    { name: 'init', args: ['init', '--student-id', 's01', '--name', 'Ada', '--dockerhub-user', 'ada1234'], code: 0 },
    { name: 'a bad Docker Hub user', args: ['init', '--dockerhub-user', 'Zo'], code: 2 },
    { name: '-v', args: ['-v'], code: 2 },
    { name: 'version', args: ['version'], code: 2 },
    { name: 'an unknown exercise', args: ['web_sever'], code: 2 },
    { name: 'a bad --concurrency', args: ['--concurrency', '0'], code: 2 },
    { name: 'batch without a hosts file', args: ['batch'], code: 2 },
    { name: 'report without a history', args: ['report', '--history', path.join(dir, 'none.jsonl')], code: 2 },
  ])('grade $name', async ({ args, code }) => {
    const r = await it(args);
    expect(r.code).toBe(code);
    expect(englishIn(r.stdout + r.stderr)).toEqual([]);
  });

  test('a grading on a near-empty engine: terminal, HTML report, then grade report and its HTML', async () => {
    const graded = await it(['first_steps', 'web_server', 'network_none', '--out', 'run']);
    expect(graded.code).toBe(1);
    expect(graded.stdout).toContain('Riepilogo');
    expect(englishIn(graded.stdout + graded.stderr)).toEqual([]);
    expect(englishIn(textOfHtml(readFileSync(path.join(dir, 'run', 'grade-report.html'), 'utf8')))).toEqual([]);

    // The frame follows the run's language even under an English locale.
    const again = await runGrade(['report', '--out', 'again'], { env: { ...env, LANG: 'en_US.UTF-8' }, cwd: dir });
    expect(again.code).toBe(0);
    expect(englishIn(again.stdout + again.stderr)).toEqual([]);
    expect(englishIn(textOfHtml(readFileSync(path.join(dir, 'again', 'grade-report.html'), 'utf8')))).toEqual([]);
  }, 120_000);

  test('grade batch with a host that does not answer: its lines and the class report', async () => {
    const hosts = path.join(dir, 'hosts.yaml');
    writeFileSync(hosts, 'hosts:\n  - { id: s01, name: Ada, host: 127.0.0.1, port: 1 }\n');
    const r = await it(['batch', hosts, 'first_steps', '--out', 'batch', '--connect-timeout', '2']);
    expect(r.code).not.toBe(0);
    expect(englishIn(r.stdout + r.stderr)).toEqual([]);
    expect(englishIn(textOfHtml(readFileSync(path.join(dir, 'batch', 'index.html'), 'utf8')))).toEqual([]);
  }, 60_000);
});
