import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGrade } from '../../test/support/run-cli';
import { packageRoot } from '../package/package-info';

/**
 * What the built `grade` prints without an engine — help of every command,
 * `list`, and the one-line errors of usage and setup mistakes — byte for byte.
 * How `grade` loads its code (lazily, from a catalogue) must never show here:
 * a change of these texts is a change of the CLI, made on purpose, with the
 * snapshot updated in the same commit.
 *
 * Only where the checkout lies may differ: help shows the default exercises
 * folder, so its path becomes <ROOT>, and line breaks followed by an indent
 * (where commander wraps a description, which depends on that path's length)
 * become one space.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-cli-text-'));
const badSpec = path.join(dir, 'bad.yaml');
const portable = (text: string) => text.split(packageRoot).join('<ROOT>').split(dir).join('<DIR>').replace(/\n +/g, ' ');
writeFileSync(badSpec, 'id: bad\ntitle: Bad\nslides: [x]\nchecks:\n  - id: a\n    kind: image.nope\n    points: 1\n');

const cases: string[][] = [
  ['--help'],
  ['--version'],
  ['help'],
  ['help', 'list'],
  ['help', 'bach'],
  ...['list', 'validate', 'new', 'test', 'batch', 'repo', 'merge', 'init', 'report', 'completion'].map((c) => [c, '--help']),
  ['list'],
  ['list', '--json'],
  ['list', '--kinds'],
  ['list', '--kinds', '--json'],
  ['validate'],
  ['validate', badSpec],
  ['list', '--exercises', '/nonexistent/exercises'],
  ['nosuch_exercise'],
  ['web_sever'],
  ['lsit'],
  ['completion', 'tcsh'],
  ['docker_hub_push'],
  ['--concurrency', '0'],
  ['--format', 'pdf'],
  ['--bogus'],
  ['web_server', '--host', 'ssh://student@vm'],
  ['web_server', '--host', 'ftp://vm'],
  ['batch'],
  ['repo', '--pass-mark', '200'],
];

describe('grade CLI text (no engine)', () => {
  test.concurrent.each(cases.map((args) => ({ line: args.join(' ').split(dir).join('<DIR>'), args })))('grade $line', async ({ args }) => {
    const r = await runGrade(args, { env: { DOCKER_HOST: 'unix:///nonexistent/grade-test.sock', COLUMNS: '80' } });
    expect({ code: r.code, stdout: portable(r.stdout), stderr: portable(r.stderr) }).toMatchSnapshot();
  });
});

/** Help in Italian: from --lang, or from the locale when --lang is not given (runGrade sets LC_ALL=C.UTF-8, so it is emptied). */
const italianHelp: { line: string; args: string[]; env: Record<string, string> }[] = [
  { line: 'grade --help --lang it', args: ['--help', '--lang', 'it'], env: {} },
  { line: 'grade batch --help --lang it', args: ['batch', '--help', '--lang', 'it'], env: {} },
  { line: 'LANG=it_IT.UTF-8 grade --help', args: ['--help'], env: { LC_ALL: '', LANG: 'it_IT.UTF-8' } },
  { line: 'LANG=it_IT.UTF-8 grade board --help', args: ['board', '--help'], env: { LC_ALL: '', LANG: 'it_IT.UTF-8' } },
  { line: 'grade list --lang it', args: ['list', '--lang', 'it'], env: {} },
  { line: 'LANG=it_IT.UTF-8 grade list', args: ['list'], env: { LC_ALL: '', LANG: 'it_IT.UTF-8' } },
];

describe('grade help in Italian (no engine)', () => {
  test.concurrent.each(italianHelp)('$line', async ({ args, env }) => {
    const r = await runGrade(args, { env: { DOCKER_HOST: 'unix:///nonexistent/grade-test.sock', COLUMNS: '80', ...env } });
    expect({ code: r.code, stdout: portable(r.stdout), stderr: portable(r.stderr) }).toMatchSnapshot();
  });
});

const notHistory = path.join(dir, 'not-history.jsonl');
writeFileSync(notHistory, 'hello\n');

/** The one-line setup errors a student meets most, in Italian: the line says what happened and what to do in the run's language. */
const italianErrors: { args: string[]; env?: Record<string, string>; line: RegExp }[] = [
  {
    args: ['web_server', '--lang', 'it'],
    line: /^grade: nessun motore Docker risponde a unix:\/\/\/nonexistent\/grade-test\.sock — avvialo \(sudo systemctl start docker\)/,
  },
  {
    args: ['web_sever', '--lang', 'it'],
    line: /^grade: esercizio sconosciuto: "web_sever" — forse intendevi web_server\? `grade list` li mostra; id conosciuti: /,
  },
  { args: ['web_server', '--var', 'x', '--lang', 'it'], line: /^grade: valore non valido per --var: "x" — scrivilo come --var nome=valore/ },
  { args: ['web_server', '--format', 'pdf', '--lang', 'it'], line: /^grade: formato di rapporto sconosciuto: "pdf" — formati conosciuti: html, json/ },
  {
    args: ['report', '--history', '/nonexistent/history.jsonl'],
    env: { LC_ALL: '', LANG: 'it_IT.UTF-8' },
    line: /^grade: nessuna cronologia in \/nonexistent\/history\.jsonl — valuta prima un esercizio/,
  },
  {
    args: ['repo', '/nonexistent/repository', '--lang', 'it'],
    line: /^grade: la cartella \/nonexistent\/repository non esiste — dai a grade repo la cartella/,
  },
  {
    args: ['report', '--history', notHistory, '--lang', 'it'],
    line: /^grade: cronologia .*not-history\.jsonl: non è un file di cronologia di grade — spostala altrove/,
  },
  {
    args: ['web_server', '--lang', 'xx'],
    env: { LC_ALL: '', LANG: 'it_IT.UTF-8' },
    line: /^grade: lingua "xx" sconosciuta per --lang — lingue conosciute: en, it/,
  },
];

describe('setup errors in Italian (no engine)', () => {
  test.concurrent.each(italianErrors.map((c) => ({ ...c, name: c.args.join(' ') })))('grade $name', async ({ args, env, line }) => {
    const r = await runGrade(args, { env: { DOCKER_HOST: 'unix:///nonexistent/grade-test.sock', ...env } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(line);
  });
});

/** docker and npm habits, and commander's own usage errors: one line, grade: first, what to do — in the run's language. */
const usageErrors: { args: string[]; line: RegExp }[] = [
  { args: ['-v'], line: /^grade: unknown option -v — grade --version \(or -V\) prints grade’s version$/ },
  { args: ['version'], line: /^grade: "version" is no exercise — grade --version \(or -V\) prints grade’s version$/ },
  {
    args: ['--concurrency', '0'],
    line: /^grade: invalid value "0" for --concurrency: it must be a whole number of 1 or more — grade --help shows how to use it$/,
  },
  { args: ['batch'], line: /^grade: missing hosts-file — grade batch --help shows how to use it$/ },
  { args: ['--format'], line: /^grade: --format needs a value — grade --help shows how to use it$/ },
  { args: ['--conccurency', '3'], line: /^grade: unknown option --conccurency — did you mean --concurrency\? grade --help shows how to use it$/ },
  { args: ['board', 'revoke', 's1'], line: /^grade: --class is required — grade board revoke --help shows how to use it$/ },
  { args: ['-v', '--lang', 'it'], line: /^grade: opzione sconosciuta: -v — grade --version \(o -V\) mostra la versione di grade$/ },
  { args: ['batch', '--lang', 'it'], line: /^grade: manca file-host — grade batch --help mostra come si usa$/ },
  {
    args: ['repo', '--pass-mark', '200', '--lang', 'it'],
    line: /^grade: valore "200" non valido per --pass-mark: deve essere una percentuale da 0 a 100 — grade repo --help mostra come si usa$/,
  },
];

describe('usage errors (no engine)', () => {
  test.concurrent.each(usageErrors.map((c) => ({ ...c, name: c.args.join(' ') })))('grade $name', async ({ args, line }) => {
    const r = await runGrade(args, { env: { DOCKER_HOST: 'unix:///nonexistent/grade-test.sock' } });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(line);
  });
});
