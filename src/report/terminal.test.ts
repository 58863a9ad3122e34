import { PassThrough } from 'node:stream';
import { attempt, mixedResult } from '../../test/support/grade-results';
import { historyFor } from '../history/attempts';
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

describe('terminal recap', () => {
  test('a line per exercise with ✔/✘ and points, then the single most valuable next step with its hint', () => {
    const text = summaryText(mixedResult(), []);
    const lines = text.split('\n');
    const recap = lines.indexOf('Recap');
    expect(lines.slice(recap + 1, recap + 5)).toEqual([
      '  ✘ web_server          20/65',
      '  ✘ bridge_isolation    15/45',
      'Next step: test1 cannot reach test3 (bridge_isolation, 30)',
      '  → docker network disconnect bridge test3',
    ]);
    expect(recap).toBeLessThan(lines.findIndex((l) => l.startsWith('Total')));
  });

  test('an undecided check as the next step says what to do about it', () => {
    const result = mixedResult();
    result.exercises = [result.exercises[0]!];
    result.exercises[0]!.checks = result.exercises[0]!.checks.filter((c) => c.id !== 'page');
    const text = summaryText(result, []);
    expect(text).toContain(
      'Next step: docker stats answers (web_server, 15)\n  → The check took too long, often because the engine was busy. Wait a minute and grade again: grade web_server.',
    );
  });

  test('all passed: ✔ and no next step', () => {
    const text = summaryText(attempt('2026-11-27T12:00:00.000Z', { web_server: 100 }), []);
    expect(text).toContain('Recap\n  ✔ web_server  100/100\nEvery check passed.');
    expect(text).not.toContain('Next step');
  });

  test('in Italian', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    new TerminalReporter(out, { NO_COLOR: '1' }, 'it').summary(mixedResult(), []);
    expect(text).toContain('Riepilogo\n');
    expect(text).toContain('Prossimo passo: test1 cannot reach test3 (bridge_isolation, 30)');
  });
});
