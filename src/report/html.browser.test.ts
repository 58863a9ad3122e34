import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS } from '../../test/support/browser';
import { attempt, HOSTILE, HOSTILE_TEXT, hostileResult, mixedResult } from '../../test/support/grade-results';
import { historyFor } from '../history/attempts';
import type { GradeResult } from '../result/types';
import { renderHtml } from './html';

/*
 * The HTML report as a person opens it: Debian's Chromium (never a downloaded
 * browser), from a file URL, with the report's own CSP in force.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  url: string;
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
}

async function open(result: GradeResult, earlier: GradeResult[]): Promise<Opened> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-browser-')), 'grade-report.html');
  writeFileSync(file, renderHtml({ result, history: historyFor(result, earlier) }));
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const opened: Opened = { page, url, consoleErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => m.type() === 'error' && opened.consoleErrors.push(m.text()));
  page.on('pageerror', (e) => opened.consoleErrors.push(e.message));
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

const earlierAttempts = [
  attempt('2026-11-25T09:10:00.000Z', { web_server: 20, bridge_isolation: 0 }),
  attempt('2026-11-25T16:45:00.000Z', { web_server: 45 }),
  attempt('2026-11-26T10:05:00.000Z', { web_server: 80, bridge_isolation: 10 }),
];

describe('HTML report in Chromium', () => {
  test('a full report: score, exercises, a failed check with its hint, attempt history; nothing fetched, no errors', async () => {
    const { page, url, consoleErrors, requests, dialogs } = await open(mixedResult(), earlierAttempts);
    try {
      await expect(page.locator('.total strong').innerText()).resolves.toBe('35/110');
      for (const name of ['Exercise web_server web_server', 'Exercise bridge_isolation bridge_isolation']) {
        expect(await page.getByRole('heading', { level: 2, name }).isVisible()).toBe(true);
      }
      const hint = page.locator('#ex-web_server .hint');
      expect(await hint.isVisible()).toBe(true);
      expect(await hint.innerText()).toBe('What to do: docker run -d -p 8080:80 web_server (slide “Check that our web server is running”)');
      const table = page.locator('#ex-web_server table.attempts');
      expect(await table.isVisible()).toBe(true);
      expect(await table.locator('tbody tr').allInnerTexts()).toEqual([
        'Thu, 26 Nov 2026 10:05:00 GMT\t80/100',
        'Wed, 25 Nov 2026 16:45:00 GMT\t45/100',
        'Wed, 25 Nov 2026 09:10:00 GMT\t20/100',
      ]);
      expect(await page.locator('#ex-web_server .history p').innerText()).toContain('Best earlier: 80/100 on Thu, 26 Nov 2026 10:05:00 GMT');

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'grade-report.png'), fullPage: true });

      expect(consoleErrors).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await page.close();
    }
  });

  test('printed: print media keeps the content visible, and a PDF renders', async () => {
    const { page } = await open(mixedResult(), earlierAttempts);
    try {
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.total strong', '#ex-web_server .hint', '#ex-bridge_isolation h2', '#ex-web_server table.attempts']) {
        expect([selector, await page.locator(selector).isVisible()]).toEqual([selector, true]);
      }
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      writeFileSync(path.join(SCREENSHOTS, 'grade-report.pdf'), pdf);
    } finally {
      await page.close();
    }
  });

  test('hostile strings: no dialog, no script, no image; shown literally', async () => {
    const { page, url, consoleErrors, requests, dialogs } = await open(hostileResult(), [hostileResult()]);
    try {
      // A lone surrogate cannot be encoded; it reaches the page as U+FFFD.
      const literal = HOSTILE_TEXT.replace(HOSTILE.loneSurrogate, '\ufffd');
      const web = page.locator('#ex-web_server');
      expect(await page.locator('h2').first().innerText()).toBe(`Web ${literal} web_server`);
      const text = await web.innerText();
      for (const s of [`Container ${literal}`, `page said ${literal}`, `type ${literal}`, `careful ${literal}`, `$ curl '${literal}'`]) {
        expect([s, text.includes(s)]).toEqual([s, true]);
      }
      // A passing check's evidence is folded away; a person opens it.
      await web.locator('details summary').first().click();
      expect(await web.locator('details').first().innerText()).toContain(
        `"labels": {\n    "${HOSTILE.script} ${HOSTILE.cdataEnd} ${HOSTILE.img} ${HOSTILE.badUtf8} \\ud800"`,
      );
      expect(await page.locator('header').innerText()).toContain(`unix:///run/${literal}.sock`);
      expect(await page.locator('script, img, iframe, object').count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'grade-report-hostile.png'), fullPage: true });
      expect(dialogs).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await page.close();
    }
  });
});
