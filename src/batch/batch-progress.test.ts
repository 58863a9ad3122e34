import { PassThrough } from 'node:stream';
import { BatchProgress } from './batch-progress';
import type { BatchHost } from './hosts-file';

const host = (id: string): BatchHost => ({ id, name: id, host: `${id}.example.org`, port: 22, user: 'student', vars: {} });

function progressText(error: string, tty: boolean): string {
  const out = Object.assign(new PassThrough(), { isTTY: tty });
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  const progress = new BatchProgress(out, 2, tty ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' });
  progress.started();
  progress.ended(host('alice'), { schemaVersion: 1, id: 'alice', name: 'alice', endpoint: 'ssh://x', state: 'error', error, startedAt: '', durationMs: 5 });
  progress.finish();
  return text;
}

describe('batch progress of external text', () => {
  // An SSH server's banner or stderr ends up in a host's error.
  const forged = 'Permission denied\r\x1b[2K\x1b[32m✔\x1b[39m bob 100/100 in 1.0 s\n✔ carol 100/100\x1b]52;c;cm0gLXJmIH4K\x07';

  test('a host error cannot forge the line of another host, or reach the clipboard', () => {
    const text = progressText(forged, false);
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(text.split('\n')).toEqual([
      '✘ alice not graded: Permission denied✔ bob 100/100 in 1.0 s ✔ carol 100/100',
      'hosts: 1/2 done · 0 running · 1 failed',
      '',
    ]);
  });

  test('on a terminal, only its own redraws and colours', () => {
    const hostile = progressText(forged, true);
    const plain = progressText('Permission denied', true);
    const redraws = (s: string) => s.split('\r\x1b[2K').length;
    expect(redraws(hostile)).toBe(redraws(plain));
    expect(hostile.replace(/\r\x1b\[2K/g, '').replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});

describe('batch progress in Italian', () => {
  test('a host line per outcome and the count, in Italian', () => {
    const out = Object.assign(new PassThrough(), { isTTY: false });
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const progress = new BatchProgress(out, 3, { NO_COLOR: '1' }, 'it');
    const outcome = { schemaVersion: 1 as const, endpoint: 'ssh://x', startedAt: '', durationMs: 2500 };
    progress.started();
    progress.ended(host('alice'), { ...outcome, id: 'alice', name: 'alice', state: 'graded', score: { points: 40, max: 100 } });
    progress.started();
    progress.ended(host('bob'), { ...outcome, id: 'bob', name: 'bob', state: 'error', error: 'Connection refused' });
    progress.ended(host('carol'), 'skipped');
    progress.finish();
    expect(text.split('\n')).toEqual([
      '✔ alice 40/100 in 2.5 s',
      '✘ bob non valutato: Connection refused',
      '· carol già valutato (--resume)',
      'host: 3/3 finiti · 0 in corso · 1 non valutati',
      '',
    ]);
  });
});
