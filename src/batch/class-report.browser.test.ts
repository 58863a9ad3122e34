import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium, layoutOf, SCREENSHOTS } from '../../test/support/browser';
import { classOf30 } from '../../test/support/class-fixtures';
import type { Lang } from '../messages/catalog';
import { buildClassReport, renderClassHtml } from './class-report';

/* The class report as an instructor opens it after a lab of 30: Debian's Chromium, from a file URL, its CSP in force. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const { out, hosts } = classOf30();
const { report } = buildClassReport(out, hosts);

describe('class report in Chromium', () => {
  test.each([
    { width: 1280, colorScheme: 'light', lang: 'en' },
    { width: 1280, colorScheme: 'dark', lang: 'en' },
    { width: 1280, colorScheme: 'light', lang: 'it' },
    { width: 412, colorScheme: 'light', lang: 'en' },
  ] as const)(
    '$width px, $colorScheme, $lang: grid, what to re-explain; no page overflow, no errors, nothing fetched',
    async ({ width, colorScheme, lang }) => {
      const file = path.join(out, `index-${lang}.html`);
      writeFileSync(file, renderClassHtml(report, { lang: lang as Lang, timeZone: 'Europe/Rome' }));
      const url = pathToFileURL(file).href;
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      const consoleErrors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      try {
        await page.goto(url, { waitUntil: 'load' });
        expect(await page.locator('table.grid tbody tr').count()).toBe(30);
        // A host not graded yet spans the exercise columns: its row has student, host, the span and the total.
        const pending = page.locator('table.grid tbody tr').nth(29);
        expect(await pending.locator('td').count()).toBe(3);
        expect(await pending.locator('td[colspan="2"]').isVisible()).toBe(true);
        // What to re-explain: worst check first.
        const firstCheck = page.locator('#agg-web_server table.checks tbody tr').first();
        expect(await firstCheck.locator('td').first().innerText()).toBe('http://localhost:8080/ shows the greeting');
        expect(await firstCheck.locator('td').nth(1).innerText()).toContain('32%');
        expect(await page.locator('#agg-web_server .histogram .fill').count()).toBe(6);

        const layout = await layoutOf(page);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, `class-report-${width}-${colorScheme}-${lang}.png`), fullPage: true });
        expect(consoleErrors).toEqual([]);
        expect(requests).toEqual([url]);
      } finally {
        await page.close();
      }
    },
  );
});
