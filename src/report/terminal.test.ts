import { PassThrough } from 'node:stream';
import { attempt, mixedResult } from '../../test/support/grade-results';
import { historyFor } from '../history/attempts';
import type { Lang } from '../messages/catalog';
import type { GradeResult } from '../result/types';
import type { PlannedCheck } from '../runner/plan';
import { SLOW_CHECK_MS, TerminalReporter } from './terminal';

function summaryTextIn(lang: Lang, ...args: Parameters<TerminalReporter['summary']>): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  new TerminalReporter(out, { NO_COLOR: '1' }, lang).summary(...args);
  return text;
}

const summaryText = (...args: Parameters<TerminalReporter['summary']>) => summaryTextIn('en', ...args);

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

describe('terminal recap', () => {
  test('a line per exercise with ✔/✘ and points, then the next step in course order with its hint', () => {
    const text = summaryText(mixedResult(), []);
    const lines = text.split('\n');
    const recap = lines.indexOf('Recap');
    // web_server comes first in the course: its first failed check, though bridge_isolation's is worth more.
    expect(lines.slice(recap + 1, recap + 5)).toEqual([
      '  ✘ web_server          20/65',
      '  ✘ bridge_isolation    15/45',
      'Next step: http://localhost:8080/ shows the greeting (web_server, 25)',
      '             → docker run -d -p 8080:80 web_server',
    ]);
    expect(recap).toBeLessThan(lines.findIndex((l) => l.startsWith('Total')));
  });

  test('an undecided check as the next step says what to do about it', () => {
    const result = mixedResult();
    result.exercises = [result.exercises[0]!];
    result.exercises[0]!.checks = result.exercises[0]!.checks.filter((c) => c.id !== 'page');
    const text = summaryText(result, []);
    expect(text).toContain(
      'Next step: docker stats answers (web_server, 15)\n             → The check took too long, often because the engine was busy. Wait a minute and grade again: grade web_server.',
    );
  });

  test('all passed: ✔ and no next step', () => {
    const text = summaryText(attempt('2026-11-27T12:00:00.000Z', { web_server: 100 }), []);
    expect(text).toContain('Recap\n  ✔ web_server  100/100\nEvery check passed.');
    expect(text).not.toContain('Next step');
  });

  test('in Italian', () => {
    const text = summaryTextIn('it', mixedResult(), []);
    expect(text).toContain('Riepilogo\n');
    expect(text).toContain('Prossimo passo: http://localhost:8080/ shows the greeting (web_server, 25)');
    expect(text).toContain('\nTotale 35/110 in 4.3 s\n');
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

describe('terminal check lines for bonus checks', () => {
  test('a missed bonus is neutral (○, "not earned"), an earned one says bonus; in Italian too', () => {
    const text = summaryText(mixedResult(), []);
    expect(text).toContain('  ○    0/10  A container on two bridges (bonus, not earned)\n');
    expect(text).toContain('  ✔   10/10  A second web_server on host port 8081 (bonus)\n');
    expect(text).not.toContain('✘    0/10  A container on two bridges');
    const it = summaryTextIn('it', mixedResult(), []);
    expect(it).toContain('  ○    0/10  A container on two bridges (bonus, non ottenuto)\n');
    expect(it).toContain('(slide "Multiple bridges (2)")');
  });
});

describe('where the terminal text goes', () => {
  test('header on the progress stream, summary on the summary stream, each coloured for its own stream', () => {
    const progress = Object.assign(new PassThrough(), { isTTY: false });
    const summary = Object.assign(new PassThrough(), { isTTY: true });
    let progressText = '';
    let summaryText = '';
    progress.on('data', (d: Buffer) => (progressText += d.toString()));
    summary.on('data', (d: Buffer) => (summaryText += d.toString()));
    const reporter = new TerminalReporter(progress, { TERM: 'xterm' }, 'en', summary);
    const result = mixedResult();
    reporter.header(result.target, '0.1.0');
    reporter.summary(result, ['/tmp/r/grade-report.html']);
    expect(progressText).toMatch(/^grade 0\.1\.0/);
    expect(progressText).not.toContain('Total');
    expect(progressText).not.toMatch(OWN_COLOURS);
    expect(summaryText).toContain('report: /tmp/r/grade-report.html');
    expect(summaryText).toMatch(OWN_COLOURS);
    expect(reporter.summaryStream).toBe(summary);
  });
});

describe('a slow check when output is not a terminal', () => {
  const planned = (id: string, title: string) => ({ exercise: { id: 'wordpress_compose' }, spec: { id }, title }) as unknown as PlannedCheck;

  test('says once what it waits for; a quick one says nothing; on a terminal the live line does it', () => {
    jest.useFakeTimers();
    try {
      const out = Object.assign(new PassThrough(), { isTTY: false });
      let text = '';
      out.on('data', (d: Buffer) => (text += d.toString()));
      const reporter = new TerminalReporter(out, { NO_COLOR: '1' }, 'en', new PassThrough());
      reporter.start(2);
      const slow = planned('page', 'WordPress answers on port 8080');
      const quick = planned('db', 'The database runs');
      reporter.onCheckStart(slow);
      reporter.onCheckStart(quick);
      jest.advanceTimersByTime(SLOW_CHECK_MS - 1000);
      reporter.onCheckEnd(quick);
      jest.advanceTimersByTime(10 * SLOW_CHECK_MS);
      reporter.onCheckEnd(slow);
      reporter.stop();
      expect(text).toBe(`still waiting (3 s): wordpress_compose › WordPress answers on port 8080\n`);

      const tty = Object.assign(new PassThrough(), { isTTY: true });
      let live = '';
      tty.on('data', (d: Buffer) => (live += d.toString()));
      const onTerminal = new TerminalReporter(tty, { NO_COLOR: '1', TERM: 'xterm' }, 'en', new PassThrough());
      onTerminal.start(1);
      onTerminal.onCheckStart(slow);
      jest.advanceTimersByTime(2 * SLOW_CHECK_MS);
      onTerminal.stop();
      expect(live).not.toContain('still waiting');
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('the hint’s command on a line of its own', () => {
  test('under the failed check and in the next step: nothing but the command on that line', () => {
    const result = mixedResult();
    const page = result.exercises[0]!.checks.find((c) => c.id === 'page')!;
    page.hint = 'Start it in the background, publishing host port 8080 (the slide’s command):';
    page.hintCommand = 'docker run -d -p 8080:80 web_server';
    const lines = summaryText(result, []).split('\n');
    const commandLines = lines.filter((l) => l.trim() === 'docker run -d -p 8080:80 web_server');
    expect(commandLines).toHaveLength(2);
    expect(lines[lines.indexOf(commandLines[1]!) - 1]).toBe('             → Start it in the background, publishing host port 8080 (the slide’s command):');
  });
});
