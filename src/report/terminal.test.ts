import { PassThrough } from 'node:stream';
import { attempt, mixedResult } from '../../test/support/grade-results';
import { historyFor } from '../history/attempts';
import type { GradeResult } from '../result/types';
import { TerminalReporter } from './terminal';

function summaryText(...args: Parameters<TerminalReporter['summary']>): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  new TerminalReporter(out, { NO_COLOR: '1' }).summary(...args);
  return text;
}

describe('terminal summary with history', () => {
  test('"best so far" under an exercise whose earlier attempt did better than this one', () => {
    const result = mixedResult(); // web_server 20/65, bridge_isolation 15/45
    const earlier = [attempt('2026-11-26T09:30:00.000Z', { web_server: 90, bridge_isolation: 10 })];
    const text = summaryText(result, ['/tmp/r/grade-report.html'], historyFor(result, earlier));
    const lines = text.split('\n');
    const web = lines.findIndex((l) => l.startsWith('web_server '));
    expect(lines[web + 1]).toBe('  best so far: 90/100 on 2026-11-26 09:30 UTC');
    expect(text.match(/best so far/g)).toHaveLength(1); // bridge_isolation did better now (33 % > 10 %)
    expect(text).toContain('report: /tmp/r/grade-report.html');
  });

  test('nothing about history when there is none, or when this attempt is the best', () => {
    const result = mixedResult();
    expect(summaryText(result, [])).not.toContain('best so far');
    const worse = [attempt('2026-11-26T09:30:00.000Z', { web_server: 10 })];
    expect(summaryText(result, [], historyFor(result, worse))).not.toContain('best so far');
  });
});

/** What a container log, a page or an engine error can carry to forge a line or reach the clipboard. */
const OSC52 = '\x1b]52;c;cm0gLXJmIH4K\x07';
const FORGE = '\r\x1b[2K  ✔   10/10  Image web_server exists';

function hostileMessages(): GradeResult {
  const result = mixedResult();
  for (const c of result.exercises.flatMap((e) => e.checks)) {
    c.message = `log said ${OSC52}${FORGE}`;
    if (c.hint) c.hint = `${c.hint}\n${FORGE}`;
  }
  result.target.dockerVersion = `20.10${OSC52}`;
  return result;
}

/** Grade's own colours (SGR `ESC [ … m`) are fine; nothing else may reach the terminal. */
const OWN_COLOURS = /\x1b\[[0-9;]*m/g;

describe('terminal output of external text', () => {
  function render(env: NodeJS.ProcessEnv, tty: boolean): string {
    const out = Object.assign(new PassThrough(), { isTTY: tty });
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const reporter = new TerminalReporter(out, env);
    const result = hostileMessages();
    reporter.header(result.target, '0.1.0');
    reporter.summary(result, ['/tmp/r/grade-report.html']);
    return text;
  }

  test('an OSC 52 or a carriage return with erase-line in a message cannot forge a line or set the clipboard', () => {
    const text = render({ NO_COLOR: '1' }, false);
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(text).not.toContain(']52;');
    // The forged check line stays inside its message, indented under the real check, never a line of its own.
    for (const line of text.split('\n').filter((l) => l.includes('Image web_server exists'))) {
      expect(line === '  ✔   10/10  Image web_server exists' || line.startsWith(' '.repeat(13))).toBe(true);
    }
    expect(text.split('\n').filter((l) => l === '  ✔   10/10  Image web_server exists')).toHaveLength(1);
    expect(text).toContain('log said   ✔   10/10  Image web_server exists');
  });

  test("grade's own colours still work around sanitized text", () => {
    const text = render({ FORCE_COLOR: '1' }, false);
    expect(text).toMatch(OWN_COLOURS);
    expect(text.replace(OWN_COLOURS, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});
