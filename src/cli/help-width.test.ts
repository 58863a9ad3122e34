import os from 'node:os';
import { memoryIo } from '../../test/support/memory-io';
import { main } from './main';

/** `grade --help` on a terminal of `columns`, or piped when undefined. */
async function helpAt(columns: number | undefined, args = ['--help']) {
  const { io, out } = memoryIo(os.tmpdir());
  if (columns !== undefined) Object.assign(io.stdout, { isTTY: true, columns });
  expect(await main(args, io)).toBe(0);
  return out.stdout.split('\n');
}

describe('help fits the terminal', () => {
  test('wrapped at the terminal’s width, wide or narrow; 80 columns when piped', async () => {
    const widest = (lines: string[]) => Math.max(...lines.map((l) => l.length));
    expect(widest(await helpAt(undefined, ['help', 'list']))).toBeLessThanOrEqual(80);
    // grade's own help has long option terms: on 80 columns each description goes under its term.
    expect(widest(await helpAt(undefined))).toBeLessThanOrEqual(80);
    expect(widest(await helpAt(100, ['help', 'batch']))).toBeLessThanOrEqual(100);
    expect(widest(await helpAt(60, ['help', 'list']))).toBeLessThanOrEqual(60);
    const wide = await helpAt(160, ['help', 'list']);
    expect(widest(wide)).toBeGreaterThan(80);
    expect(widest(wide)).toBeLessThanOrEqual(160);
  });

  test('grade help and grade help COMMAND are grade --help and grade COMMAND --help', async () => {
    expect(await helpAt(undefined, ['help'])).toEqual(await helpAt(undefined, ['--help']));
    expect(await helpAt(undefined, ['help', 'batch'])).toEqual(await helpAt(undefined, ['batch', '--help']));
  });
});
