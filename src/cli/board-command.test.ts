import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { CLASS_YAML } from '../../test/support/board-fixture';
import { memoryIo } from '../../test/support/memory-io';
import { parseInterval, parseShard } from './batch-command';
import { parseListen } from './board-command';
import type { SetupError } from '../errors/setup-error';
import { main } from './main';

describe('grade board', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'grade-board-cli-'));
    writeFileSync(path.join(dir, 'class.yaml'), CLASS_YAML);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** `grade board …` running in this process until stop() (Ctrl-C), once it has printed its lines. */
  async function serve(args: string[]) {
    const { io, out } = memoryIo(dir);
    let stop: () => void = () => undefined;
    io.onSignal = (handler) => {
      stop = () => handler('SIGINT');
      return () => undefined;
    };
    const running = main(args, io);
    const deadline = Date.now() + 20_000;
    while (!out.stderr.includes('Ctrl-C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return { out, stop: () => stop(), running };
  }

  test('serves until Ctrl-C: a secret file made beside the class file (owner only), the join code printed, data kept', async () => {
    const { out, stop, running } = await serve(['board', '--class', 'class.yaml', '--listen', '127.0.0.1:0']);
    const url = /board: (http:\S+)/.exec(out.stderr)![1]!;
    const health = await request(`${url}/healthz`);
    expect([health.statusCode, await health.body.json()]).toEqual([200, { ok: true }]);
    expect(out.stderr).toMatch(/instructor secret: made a new one in .*class\.board-secret/);
    expect(out.stderr).toMatch(/students join with: grade init --board http:\/\/127\.0\.0\.1:\d+ --join [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n/);
    expect((statSync(path.join(dir, 'class.board-secret')).mode & 0o777).toString(8)).toBe('600');
    expect(out.stderr).toMatch(/\nstore: 0 result\(s\), [\d.]+ MB \(grade board prune --older-than 30d removes old ones/);
    expect(out.stderr).not.toContain('warning');
    stop();
    expect(await running).toBe(0);
    expect(statSync(path.join(dir, 'class.board.sqlite')).size).toBeGreaterThan(0);
    // The store holds the join code: owner-only.
    expect((statSync(path.join(dir, 'class.board.sqlite')).mode & 0o777).toString(8)).toBe('600');
  });

  test('plain HTTP on a non-loopback address: one warning line', async () => {
    const { out, stop, running } = await serve(['board', '--class', 'class.yaml', '--listen', '0.0.0.0:0']);
    expect(out.stderr).toContain(
      'warning: --listen 0.0.0.0:0 serves plain HTTP beyond this machine: the instructor secret and tokens travel in clear; put the board behind a TLS proxy\n',
    );
    stop();
    expect(await running).toBe(0);
  });

  test('usage errors exit 2 with one line', async () => {
    const { io, out } = memoryIo(dir);
    expect(await main(['board'], io)).toBe(2);
    expect(out.stderr).toBe('grade: grade board needs --class <file> — give the class file (see docs/instructors.md: Live lab board)\n');
    expect(await main(['board', 'revoke', 'nobody', '--class', 'class.yaml'], io)).toBe(2);
    expect(out.stderr).toContain('not in the class file: nobody');
    expect(await main(['batch', 'class.yaml', '--board', 'http://127.0.0.1:1'], { ...io, env: { ...io.env, GRADE_BOARD_SECRET: '' } })).toBe(2);
    expect(out.stderr).toContain('--board needs the instructor secret');
  });

  test('the board speaks the run’s language: its lines, its errors and revoke', async () => {
    const { out, stop, running } = await serve(['board', '--class', 'class.yaml', '--listen', '127.0.0.1:0', '--lang', 'it']);
    expect(out.stderr).toMatch(/^board: http:\/\/127\.0\.0\.1:\d+ — \d+ studenti, \d+ esercizi, bloccato dopo 10 min\n/);
    expect(out.stderr).toMatch(/segreto del docente: creato ora in .*class\.board-secret/);
    expect(out.stderr).toMatch(/gli studenti si collegano con: grade init --board http:\/\/127\.0\.0\.1:\d+ --join /);
    stop();
    expect(await running).toBe(0);
    expect(out.stderr).toMatch(/board fermata\n$/);
    const errors = memoryIo(dir);
    expect(await main(['board', '--lang', 'it'], errors.io)).toBe(2);
    expect(await main(['board', 'revoke', 'nobody', '--class', 'class.yaml', '--lang', 'it'], errors.io)).toBe(2);
    expect(await main(['board', '--class', 'class.yaml', '--listen', '8700', '--lang', 'it'], errors.io)).toBe(2);
    expect(errors.out.stderr.split('\n')).toEqual([
      'grade: grade board ha bisogno di --class <file> — indica il file della classe (vedi docs/instructors.md: Live lab board)',
      'grade: non presenti nel file della classe: nobody — scrivi le matricole come nel file della classe',
      'grade: --listen "8700" non valido — scrivilo come HOST:PORTA, ad esempio 127.0.0.1:8700',
      '',
    ]);
  });

  test('--listen and --every parse what the README shows, and refuse the rest', () => {
    expect(parseListen('127.0.0.1:8700')).toEqual({ host: '127.0.0.1', port: 8700 });
    expect(parseListen('[::1]:8700')).toEqual({ host: '::1', port: 8700 });
    expect(() => parseListen('8700')).toThrow(/bad --listen/);
    expect(() => parseListen('x:70000')).toThrow(/bad --listen/);
    expect([parseInterval('90s'), parseInterval('2m'), parseInterval('1h')]).toEqual([90_000, 120_000, 3_600_000]);
    expect(() => parseInterval('5s')).toThrow('bad --every "5s"');
    expect(() => parseInterval('2 minutes')).toThrow(/bad --every/);
  });

  test('--every and --shard are refused in the run’s language, with what to write instead', () => {
    const refusal = (parse: () => unknown) => {
      try {
        parse();
      } catch (e) {
        return [(e as SetupError).message, (e as SetupError).advice];
      }
      return [];
    };
    expect(refusal(() => parseInterval('5s', 'it'))).toEqual(['valore non valido per --every: "5s"', 'scrivilo come 90s, 2m o 1h (almeno 10s)']);
    expect(refusal(() => parseShard('5/4', 'it'))).toEqual([
      'valore non valido per --shard: "5/4"',
      'scrivilo come K/N con 1 ≤ K ≤ N, per esempio --shard 2/4',
    ]);
    expect(refusal(() => parseShard('5/4'))).toEqual(['bad --shard "5/4"', 'write it as K/N with 1 ≤ K ≤ N, e.g. --shard 2/4']);
  });
});
