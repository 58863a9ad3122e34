import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BOARD_SECRET, catalogResult, joinAs, startTestBoard, type TestBoard } from '../../test/support/board-fixture';
import { launchChromium, SCREENSHOTS } from '../../test/support/browser';
import { BoardClient } from './board-client';
import { within } from '../time/deadline';

/*
 * The live board as the instructor sees it: Debian's Chromium (never a
 * downloaded browser), the board's own CSP in force, results pushed by the
 * same client students' runs and SSH rounds use.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/*
 * Each test has a board of its own, so the ones that mostly wait (a page
 * reloading every 10 s, a board restarting) run at once; the ones that time
 * what the page shows run alone.
 */
async function withBoard(opts: Parameters<typeof startTestBoard>[0], use: (board: TestBoard) => Promise<void>): Promise<void> {
  const board = await startTestBoard(opts);
  try {
    await use(board);
  } finally {
    await board.close();
  }
}

interface Watched {
  page: Page;
  problems: string[];
  foreign: string[];
}

async function openBoard(board: TestBoard, opts: { javaScriptEnabled?: boolean } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const watched: Watched = { page, problems: [], foreign: [] };
  page.on('console', (m) => m.type() === 'error' && watched.problems.push(m.text()));
  page.on('pageerror', (e) => watched.problems.push(e.message));
  page.on('dialog', (d) => {
    watched.problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => !r.url().startsWith(board.url) && watched.foreign.push(r.url()));
  await page.goto(board.url);
  await page.fill('input[name=secret]', BOARD_SECRET);
  await page.click('button[type=submit]');
  await page.waitForSelector('table.grid');
  return watched;
}

const cell = (page: Page, student: string, column: number) => page.locator(`tr[data-student="${student}"] td`).nth(column);

test('a pushed result appears within a second, without reload; hostile names stay text; nothing external', () =>
  withBoard({ stuckMinutes: 10 }, async (board) => {
    const w = await openBoard(board);
    await w.page.waitForSelector('#live.on');
    const loadedAt = await w.page.evaluate(() => performance.timeOrigin);
    const columns = await w.page.locator('table.grid thead th').allTextContents();
    const webServer = columns.indexOf('web_server') - 1;

    const token = await joinAs(board.url, board.server.joinCode, 's03');
    const student = new BoardClient(board.url, token);
    const instructor = new BoardClient(board.url, BOARD_SECRET);
    try {
      // An SSH round's results first (verified); it also warms the route up, so what is timed next is a push like any other.
      expect(
        await within(5000, (signal) =>
          instructor.push(catalogResult('s01', { first_steps: 9, web_server: 2, volumes: 9, network_none: 9 }), 'round-1-s01', signal),
        ),
      ).toEqual({ kind: 'stored' });
      expect(await within(5000, (signal) => instructor.push(catalogResult('s02', { first_steps: 0, web_server: 1 }), 'round-1-s02', signal))).toEqual({
        kind: 'stored',
      });
      await cell(w.page, 's02', webServer).and(w.page.locator('.partial')).waitFor({ timeout: 1000 });
      const sent = Date.now();
      expect(await within(5000, (signal) => student.push(catalogResult('s03', { web_server: 99, first_steps: 1 }), 'browser-0001', signal))).toEqual({
        kind: 'stored',
      });
      const pushedIn = Date.now() - sent;
      await cell(w.page, 's03', webServer).and(w.page.locator('.full')).waitFor({ timeout: 2000 });
      // When the page's script swapped the new grid in (the page's clock is this machine's): Playwright's polling is not counted.
      const seenAfter = Number(await w.page.locator('#board').getAttribute('data-updated')) - sent;
      expect(seenAfter).toBeLessThan(1000);
      expect(await cell(w.page, 's03', webServer).getAttribute('class')).toBe('cell full self');
      expect(await cell(w.page, 's03', webServer).textContent()).toMatch(/^(\d+)\/\1✓ \d\d:\d\d$/);

      expect(await cell(w.page, 's01', webServer).getAttribute('class')).toBe('cell partial verified');
      expect(await w.page.locator('tr[data-student="s02"] .name').textContent()).toBe('<script>alert(1)</script> <img src=x onerror=alert(2)>');
      // Still the page first loaded: updates came over the event stream.
      expect(await w.page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
      await w.page.screenshot({ path: path.join(SCREENSHOTS, 'board-live.png'), fullPage: true });
      process.stderr.write(`board browser test: pushed result on the page ${seenAfter} ms after the push was sent (the push itself: ${pushedIn} ms)\n`);
    } finally {
      await student.close();
      await instructor.close();
    }
    expect(w.problems).toEqual([]);
    expect(w.foreign).toEqual([]);
  }));

test('the stuck mark appears once the current exercise has not improved for the threshold (injected clock)', () =>
  withBoard({ stuckMinutes: 10 }, async (board) => {
    const w = await openBoard(board);
    const instructor = new BoardClient(board.url, BOARD_SECRET);
    try {
      await within(5000, (signal) => instructor.push(catalogResult('s01', { web_server: 2 }), 'stuck-0001', signal));
      await within(5000, (signal) => instructor.push(catalogResult('s02', { web_server: 99 }), 'stuck-0002', signal));
      await w.page.locator('tr[data-student="s01"] td.partial').waitFor({ timeout: 1000 });
      expect(await w.page.locator('.stuck-mark').count()).toBe(0);
      board.advance(9 * 60_000);
      await w.page.waitForTimeout(1500);
      expect(await w.page.locator('.stuck-mark').count()).toBe(0);
      board.advance(2 * 60_000);
      const mark = w.page.locator('tr[data-student="s01"] .stuck-mark');
      await mark.waitFor({ timeout: 2000 });
      expect(await mark.textContent()).toBe('stuck 11 min on web_server');
      // Full marks are never stuck; nor is a student with no result.
      expect(await w.page.locator('.stuck-mark').count()).toBe(1);
      await w.page.screenshot({ path: path.join(SCREENSHOTS, 'board-stuck.png'), fullPage: true });
    } finally {
      await instructor.close();
    }
    expect(w.problems).toEqual([]);
  }));

test.concurrent('restarted board: the page reconnects by itself and shows what was stored before and after', () =>
  withBoard({ stuckMinutes: 10 }, async (first) => {
    const w = await openBoard(first);
    await w.page.waitForSelector('#live.on');
    const instructor = new BoardClient(first.url, BOARD_SECRET);
    await within(5000, (signal) => instructor.push(catalogResult('s01', { web_server: 1 }), 'restart-01', signal));
    await instructor.close();
    const port = Number(new URL(first.url).port);
    await first.stop();
    await w.page.waitForSelector('#live.off', { timeout: 5000 });
    // The same folder (the first board's close removes it, after this one stops).
    const board = await startTestBoard({ dir: first.dir, port });
    const again = new BoardClient(board.url, BOARD_SECRET);
    try {
      await w.page.waitForSelector('#live.on', { timeout: 5000 });
      await within(5000, (signal) => again.push(catalogResult('s02', { web_server: 1 }), 'restart-02', signal));
      await w.page.locator('tr[data-student="s02"] td.partial').waitFor({ timeout: 1000 });
      expect(await w.page.locator('tr[data-student="s01"] td.partial').count()).toBe(1);
    } finally {
      await again.close();
      await board.close();
    }
  }),
);

test.concurrent(
  'without scripts the page still shows the grid and reloads itself',
  () =>
    withBoard({ stuckMinutes: 10 }, async (board) => {
      const instructor = new BoardClient(board.url, BOARD_SECRET);
      await within(5000, (signal) => instructor.push(catalogResult('s01', { web_server: 1, first_steps: 9 }), 'noscript-1', signal));
      await instructor.close();
      const w = await openBoard(board, { javaScriptEnabled: false });
      expect(await w.page.locator('tr[data-student="s01"] td.full').count()).toBe(1);
      expect(await w.page.locator('#live').textContent()).toBe('live updates need scripts: this page reloads every 10 s');
      const reloaded = w.page.waitForEvent('load', { timeout: 15_000 });
      await reloaded;
      await w.page.screenshot({ path: path.join(SCREENSHOTS, 'board-noscript.png'), fullPage: true });
      expect(w.problems).toEqual([]);
    }),
  30_000,
);

test.concurrent('in Italian: the page, its live mark and the join line (a command to copy as it stands); titles show <dockerhub_user>, never ${…}', () =>
  withBoard({ stuckMinutes: 10, lang: 'it' }, async (board) => {
    const w = await openBoard(board);
    await w.page.waitForSelector('#live.on');
    expect(await w.page.locator('html').getAttribute('lang')).toBe('it');
    expect(await w.page.locator('#live').textContent()).toBe('dal vivo');
    expect(await w.page.locator('header code').textContent()).toBe(`grade init --board ${board.url} --join ${board.server.joinCode}`);
    const text = await w.page.locator('body').innerText();
    expect(text).toContain('Gli studenti si collegano con');
    expect(text).toContain('Controlli: quota della classe che li supera');
    expect(text).not.toContain('${');
    expect(text).toContain('<dockerhub_user>/olss_2021');
    for (const english of ['students reporting', 'Live lab board', 'share of the class', 'self-reported', 'no result yet', 'log out'])
      expect(text).not.toContain(english);
    await w.page.screenshot({ path: path.join(SCREENSHOTS, 'board-it.png'), fullPage: true });
    expect(w.problems).toEqual([]);
    expect(w.foreign).toEqual([]);
  }),
);
