import { PassThrough } from 'node:stream';
import { Interruption } from './interruption';

/** An io whose signals the test sends by hand. */
function signalIo() {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d: Buffer) => (text += d.toString()));
  let handler: ((sig: NodeJS.Signals) => void) | undefined;
  const exits: number[] = [];
  const io = {
    stderr,
    exitNow: (status: number) => void exits.push(status),
    onSignal: (h: (sig: NodeJS.Signals) => void) => {
      handler = h;
      return () => (handler = undefined);
    },
  };
  return { io, send: (sig: NodeJS.Signals) => handler?.(sig), text: () => text, exits };
}

describe('Ctrl-C during a run (Interruption)', () => {
  test('the first signal says what happens now and aborts; a second one stops the waiting; both in the run’s language', () => {
    const { io, send, text, exits } = signalIo();
    const it = new Interruption(io, 'mi fermo e rimuovo ciò che grade repo ha avviato…', 'it');
    const hurry = it.secondSignal('niente più attese: rimuovo subito ciò che grade repo ha avviato…');
    send('SIGINT');
    expect(it.signal.aborted).toBe(true);
    expect(hurry.aborted).toBe(false);
    send('SIGINT');
    expect(hurry.aborted).toBe(true);
    expect(exits).toEqual([]);
    send('SIGINT');
    expect(exits).toEqual([130]);
    expect(text()).toBe(
      '\nSIGINT: mi fermo e rimuovo ciò che grade repo ha avviato…\n\nSIGINT di nuovo: niente più attese: rimuovo subito ciò che grade repo ha avviato…\n' +
        '\nSIGINT di nuovo: esco subito; ciò che non è ancora stato rimosso resta\n',
    );
    expect(it.exitStatus).toBe(130);
    it.dispose();
  });

  test('in English by default; SIGTERM exits 143; without a second consequence the second signal exits at once', () => {
    const { io, send, text, exits } = signalIo();
    const it = new Interruption(io, 'stopping, removing probe containers…');
    send('SIGTERM');
    expect(exits).toEqual([]);
    send('SIGINT');
    expect(exits).toEqual([143]);
    expect(text()).toBe('\nSIGTERM: stopping, removing probe containers…\n\nSIGINT again: exiting now; what was not removed yet is left behind\n');
    expect(it.exitStatus).toBe(143);
    it.dispose();
  });
});
