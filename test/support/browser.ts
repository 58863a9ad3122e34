import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packageRoot } from '../../src/package/package-info';

/** Screenshots a person can look at, kept as test artifacts (reports/ is git-ignored). */
export const SCREENSHOTS = path.join(packageRoot, 'reports', 'screenshots');

/**
 * Debian's Chromium, never a downloaded browser. Without the background
 * networking flags it tries to reach Google's hosts at every start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A full-page screenshot of a local HTML file; returns where it was saved. */
export async function screenshotFile(htmlFile: string, name: string, width = 1200): Promise<string> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(pathToFileURL(htmlFile).href);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, name);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } finally {
    await browser.close();
  }
}

/** What the layout tests measure in the page (evaluated as text: the project compiles without the DOM library). */
export interface PageLayout {
  /** document.documentElement.scrollWidth: wider than clientWidth means a horizontal scroll bar. */
  scrollWidth: number;
  clientWidth: number;
  /** The right edge of the element that reaches furthest right. */
  widestRight: number;
  bodyBackground: string;
  hash: string;
}

export function layoutOf(page: Page): Promise<PageLayout> {
  return page.evaluate(`({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    widestRight: Math.max(0, ...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)),
    bodyBackground: getComputedStyle(document.body).backgroundColor,
    hash: location.hash,
  })`);
}
