import { keystrokes, typeAtTerminal } from './terminal-typist';

describe('typing at a terminal', () => {
  test('a line of control keys presses them without Enter; any other line is typed and Entered', () => {
    expect(keystrokes('^C')).toBe('\x03');
    expect(keystrokes('^P^Q')).toBe('\x10\x11');
    expect(keystrokes('echo ^C')).toBe('echo ^C\n');
    expect(keystrokes('exit')).toBe('exit\n');
  });

  const type = (lines: string[], timeoutMs = 20_000, signal = new AbortController().signal) =>
    typeAtTerminal(lines, { cwd: '/tmp', env: process.env, timeoutMs, signal });

  test('lines go to whatever reads the terminal: a shell started at the prompt gets the next lines until it exits', async () => {
    const out = `/tmp/grade-typist-${process.pid}`;
    const r = await type([`rm -f ${out}`, 'sh', `echo inner > ${out}`, 'exit', `echo outer >> ${out}`, `cat ${out}`]);
    expect(r).toEqual({ kind: 'done', failed: [] });
    expect(require('node:fs').readFileSync(out, 'utf8')).toBe('inner\nouter\n');
  });

  test('a failing command is told, with the screen around it, and typing goes on', async () => {
    const r = await type(['false', 'ls /no-such-folder', 'true']);
    expect(r.kind).toBe('done');
    if (r.kind !== 'done') return;
    expect(r.failed.map((f) => f.status)).toEqual([1, 2]);
    expect(r.failed[1]!.output).toMatch(/no-such-folder/);
  });

  test('a setup that never returns to the prompt times out; Ctrl-C stops it at once', async () => {
    const started = Date.now();
    const r = await type(['sleep 60'], 1_500);
    expect(r.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 500);
    expect(await type(['sleep 60'], 60_000, stop.signal)).toEqual({ kind: 'aborted' });
  });
});
