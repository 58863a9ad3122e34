import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from './main';
import { memoryIo } from '../../test/support/memory-io';
import { readUserConfig, userConfigLocation } from '../config/user-config';
import { spawn } from 'node:child_process';
import { GRADE_BIN } from '../../test/support/run-cli';

/**
 * grade init in a real pseudo-terminal (script(1)), typing each answer when its
 * prompt shows, as a person does. '\u0004' is Ctrl+D.
 */
function typeAt(configFile: string, script: [RegExp, string][], locale = 'C'): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', `${process.execPath} ${GRADE_BIN} init --config ${configFile}`, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1', LC_ALL: locale, LC_MESSAGES: '', LANG: '' },
    });
    let output = '';
    let step = 0;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
      if (step < script.length && script[step]![0].test(plain)) {
        const answer = script[step++]![1];
        child.stdin.write(answer === '\u0004' ? answer : `${answer}\r`);
      }
    });
    const timer = setTimeout(() => child.kill(), 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') });
    });
  });
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'grade-init-'));

describe('grade init and the per-user config', () => {
  test('without a terminal it never prompts: it says which options are missing, exit 2', async () => {
    const dir = tmp();
    const { io, out } = memoryIo(dir, { GRADE_CONFIG: path.join(dir, 'config.yaml') });
    expect(await main(['init', '--name', 'Alice'], io)).toBe(2);
    expect(out.stderr.trim()).toBe('grade: grade init has no terminal to ask in — pass --student-id, --dockerhub-user');
  });

  test('with every answer as an option it writes the config, which grade reads', async () => {
    const dir = tmp();
    const file = path.join(dir, 'config.yaml');
    const { io, out } = memoryIo(dir, { GRADE_CONFIG: file });
    expect(await main(['init', '--student-id', 's42', '--name', 'Alice Example', '--dockerhub-user', 'alice'], io)).toBe(0);
    expect(out.stderr).toContain(`wrote ${file}: student s42 (Alice Example), Docker Hub user alice`);
    expect(readUserConfig(file)).toEqual({ student: { id: 's42', name: 'Alice Example' }, vars: { dockerhub_user: 'alice' } });
  });

  test('a Docker Hub user with capitals is refused with the lowercase hint', async () => {
    const dir = tmp();
    const { io, out } = memoryIo(dir, { GRADE_CONFIG: path.join(dir, 'c.yaml') });
    expect(await main(['init', '--student-id', 's1', '--name', 'A', '--dockerhub-user', 'Alice'], io)).toBe(2);
    expect(out.stderr.trim()).toBe('grade: bad --dockerhub-user "Alice" — Docker Hub user names are lowercase: alice?');
  });

  test('a damaged config is a clear error, not ignored', async () => {
    const dir = tmp();
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, 'student: [not, a, map]\n');
    const { io, out } = memoryIo(dir, { GRADE_CONFIG: file });
    expect(await main(['list'], io)).toBe(0); // list does not need it, and says the file is damaged
    expect(out.stderr).toBe(`grade: ${file}: /student must be object — fix it, or run grade init to write it again\n`);
    expect(await main(['web_server'], io)).toBe(2);
    expect(out.stderr).toContain(`grade: ${file}: /student must be object — fix it, or run grade init to write it again`);
  });

  test('in a terminal it asks, re-asks a bad answer, and keeps earlier answers as defaults', async () => {
    const dir = tmp();
    const file = path.join(dir, 'config.yaml');
    const first = await typeAt(file, [
      [/Student id \(as your course knows you\): $/, 's7'],
      [/Your name: $/, 'Bob Example'],
      [/Docker Hub user name: $/, 'Bob'],
      [/lowercase: bob\?\s+Docker Hub user name: $/, 'bobby'],
    ]);
    expect(first.code).toBe(0);
    expect(readUserConfig(file)).toEqual({ student: { id: 's7', name: 'Bob Example' }, vars: { dockerhub_user: 'bobby' } });
    // Again: Enter keeps each earlier answer.
    const again = await typeAt(file, [
      [/Student id \(as your course knows you\) \[s7\]: $/, ''],
      [/Your name \[Bob Example\]: $/, ''],
      [/Docker Hub user name \[bobby\]: $/, ''],
    ]);
    expect(again.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('dockerhub_user: bobby');
  });

  test('in Italian (from the locale) it asks in Italian, re-asks in Italian, and says what it wrote', async () => {
    const file = path.join(tmp(), 'config.yaml');
    const r = await typeAt(
      file,
      [
        [/Matricola \(come ti conosce il corso\): $/, 's8'],
        [/Il tuo nome: $/, 'Carla Esempio'],
        [/Nome utente Docker Hub: $/, 'Carla'],
        [/i nomi utente Docker Hub sono in minuscolo: carla\?\s+Nome utente Docker Hub: $/, 'carla8'],
      ],
      'it_IT.UTF-8',
    );
    expect(r.code).toBe(0);
    expect(r.output).toContain(`scritto ${file}: studente s8 (Carla Esempio), utente Docker Hub carla8`);
    expect(r.output).not.toMatch(/Student id|Your name|wrote /);
    expect(readUserConfig(file)).toEqual({ student: { id: 's8', name: 'Carla Esempio' }, vars: { dockerhub_user: 'carla8' } });
  });

  test('--lang it without a terminal: the missing options said in Italian', async () => {
    const dir = tmp();
    const { io, out } = memoryIo(dir, { GRADE_CONFIG: path.join(dir, 'config.yaml') });
    expect(await main(['init', '--lang', 'it', '--name', 'Alice'], io)).toBe(2);
    expect(out.stderr.trim()).toBe('grade: grade init non ha un terminale in cui fare domande — aggiungi --student-id, --dockerhub-user');
  });

  test('Ctrl+D at a prompt cancels cleanly: one line, exit 2, nothing written', async () => {
    const file = path.join(tmp(), 'config.yaml');
    const r = await typeAt(file, [[/Student id \(as your course knows you\): $/, '\u0004']]);
    expect(r.code).toBe(2);
    expect(r.output).toContain('grade: grade init cancelled — nothing was written; run it again to answer');
    expect(r.output).not.toMatch(/\n\s+at /);
    expect(readUserConfig(file)).toBeUndefined();
  });

  test('location: --config, then $GRADE_CONFIG, then XDG_CONFIG_HOME or ~/.config', () => {
    expect(userConfigLocation('a.yaml', { GRADE_CONFIG: '/x/b.yaml' }, '/w', 'linux', '/home/s')).toBe('/w/a.yaml');
    expect(userConfigLocation(undefined, { GRADE_CONFIG: '/x/b.yaml' }, '/w', 'linux', '/home/s')).toBe('/x/b.yaml');
    expect(userConfigLocation(undefined, { XDG_CONFIG_HOME: '/cfg' }, '/w', 'linux', '/home/s')).toBe('/cfg/grade/config.yaml');
    expect(userConfigLocation(undefined, {}, '/w', 'linux', '/home/s')).toBe('/home/s/.config/grade/config.yaml');
  });
});
