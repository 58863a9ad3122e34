import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, layoutOf, SCREENSHOTS } from '../../test/support/browser';
import { attempt, HOSTILE, HOSTILE_TEXT, hostileResult, mixedResult } from '../../test/support/grade-results';
import { historyFor } from '../history/attempts';
import { checkKinds } from '../../checks';
import { describeSelector } from '../check/container-selection';
import { joined, phrase, type MessageData } from '../check/kind';
import { renderMessage, type Lang } from '../messages/catalog';
import { kindMessageTemplate } from '../check/kind-messages';
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

interface View {
  width?: number;
  colorScheme?: 'light' | 'dark';
  lang?: Lang;
}

async function open(result: GradeResult, earlier: GradeResult[], view: View = {}): Promise<Opened> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-browser-')), 'grade-report.html');
  writeFileSync(file, renderHtml({ result, history: historyFor(result, earlier), lang: view.lang ?? 'en', timeZone: 'Europe/Rome' }));
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: view.width ?? 1100, height: 900 }, colorScheme: view.colorScheme ?? 'light' });
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
      // Local time with its zone (the report's zone is fixed to Rome here).
      expect(await table.locator('tbody tr').allInnerTexts()).toEqual([
        '26 Nov 2026, 11:05 CET\t80/100',
        '25 Nov 2026, 17:45 CET\t45/100',
        '25 Nov 2026, 10:10 CET\t20/100',
      ]);
      expect(await page.locator('#ex-web_server .history p').innerText()).toContain('Best earlier: 80/100 on 26 Nov 2026, 11:05 CET');

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
    // A dark screen still prints dark on white: the dark palette is for screens only.
    const { page } = await open(teachingResult(), earlierAttempts, { colorScheme: 'dark' });
    try {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.emulateMedia({ media: 'print' });
      for (const selector of [
        '.total strong',
        'ol.steps',
        'section.not-graded',
        '#ex-web_server .hint',
        '#ex-web_server .advice',
        '#ex-bridge_isolation h2',
        '#ex-web_server svg.chart',
        '#ex-web_server table.attempts',
      ]) {
        expect([selector, await page.locator(selector).isVisible()]).toEqual([selector, true]);
      }
      expect((await layoutOf(page)).bodyBackground).toBe('rgb(255, 255, 255)');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'grade-report-print.png'), fullPage: true });
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
      expect(await page.locator('#ex-web_server h2').innerText()).toBe(`Web ${literal} web_server`);
      const text = await web.innerText();
      for (const s of [`Container ${literal}`, `page said ${literal}`, `type ${literal}`, `careful ${literal}`, `See it yourself: curl '${literal}'`]) {
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

/** The mixed result with an exercise left out for want of a Docker Hub user, as `grade` records it. */
function teachingResult(): GradeResult {
  return {
    ...mixedResult(),
    notGraded: [
      {
        id: 'docker_hub_push',
        title: 'Push your image to Docker Hub',
        reason: 'needs dockerhub_user — pass --var dockerhub_user=alice, set GRADE_VAR_DOCKERHUB_USER, or run grade init',
      },
    ],
  };
}

/** A kind's message in Italian as the runner renders it, pieces (phrases) included. */
const italian = (kind: string, id: string, data: MessageData) => renderMessage('it', kindMessageTemplate(checkKinds[kind]!.meta, id, 'it')!, data);

/** The same run graded with --lang it: titles, hints and messages as the Italian exercise texts and kind messages give them. */
function italianResult(): GradeResult {
  const result = teachingResult();
  const texts: Record<string, Partial<Record<'title' | 'message' | 'hint' | 'messageId', string>>> = {
    image: { title: 'L’immagine web_server esiste', message: 'L’immagine web_server esiste (sha256:3f1c…)' },
    page: {
      title: 'http://localhost:8080/ mostra il saluto',
      message: italian('http.get', 'content', {
        url: 'http://localhost:8080/',
        status: 200,
        summary: phrase('part.http.pageTitled', { title: 'Apache2 Ubuntu Default Page: It works' }),
        wanted: phrase('part.both', { first: '"Hello from a web server"', second: '/web_server/' }),
      }),
      hint: 'Il container è in esecuzione ma la pagina non è quella della slide. Controlla con curl http://localhost:8080/ e docker logs web_server.',
    },
    cmd: { title: 'L’immagine espone la porta 80 e avvia apache in primo piano', message: 'Saltato: richiede "L’immagine web_server esiste" (non superato)' },
    stats: {
      title: 'docker stats risponde',
      message: 'Il valutatore non è riuscito a decidere: il controllo non è finito entro 30 s',
      messageId: 'grader.timeout',
    },
    second: { title: 'Un secondo web_server sulla porta 8081 dell’host', message: 'web_server-2 è running come previsto' },
    bridge: { title: 'Il bridge definito da te, my-bridge, esiste', message: 'La rete my-bridge esiste (driver bridge)' },
    isolated: {
      title: 'test1 non raggiunge test3 (bridge diversi)',
      message: 'test1 raggiunge test3 all’indirizzo 172.18.0.3: sono sulla stessa rete',
      hint: 'Tieni test1 solo su bridge e test3 solo su my-bridge: docker network disconnect my-bridge test1 (oppure docker network disconnect bridge test3).',
    },
    two: {
      title: 'Un container collegato a due bridge',
      message: italian('container.config', 'noneFits', {
        count: 3,
        what: describeSelector({ image: 'alpine' }),
        problems: joined(
          ['test1', 'test2', 'test3'].map((name) =>
            phrase('part.config.candidate', { name, problems: phrase('part.config.networkCount', { count: 1, networks: 'bridge', want: 2 }) }),
          ),
          '; ',
        ),
      }),
      hint: 'docker run -itd --name test4 alpine, poi docker network connect my-bridge test4',
    },
  };
  const titles: Record<string, string> = {
    web_server: 'Un’immagine di web server costruita da un Dockerfile',
    bridge_isolation: 'Container su bridge diversi non possono parlarsi',
  };
  for (const e of result.exercises) {
    e.title = titles[e.id] ?? e.title;
    for (const c of e.checks) Object.assign(c, texts[c.id] ?? {});
  }
  result.notGraded = [
    {
      id: 'docker_hub_push',
      title: 'Carica ubuntu_with_ping nel tuo repository su Docker Hub',
      reason: 'richiede dockerhub_user — usa --var dockerhub_user=alice, imposta GRADE_VAR_DOCKERHUB_USER, oppure esegui grade init',
    },
  ];
  return result;
}

describe('HTML report that teaches, in Chromium', () => {
  const layouts = [
    { width: 1280, colorScheme: 'light' },
    { width: 1280, colorScheme: 'dark' },
    { width: 412, colorScheme: 'light' },
    { width: 412, colorScheme: 'dark' },
  ] as const;

  test.each(layouts)('$width px, $colorScheme: next steps on top, no horizontal overflow, nothing fetched', async ({ width, colorScheme }) => {
    const { page, url, consoleErrors, requests } = await open(teachingResult(), earlierAttempts, { width, colorScheme });
    try {
      const steps = page.locator('ol.steps > li');
      expect(await steps.count()).toBe(4);
      expect(await steps.first().innerText()).toContain('http://localhost:8080/ shows the greeting');
      // The first step's link lands on its row.
      await steps.first().locator('a').click();
      expect((await layoutOf(page)).hash).toBe('#check-web_server-page');
      expect(await page.locator('#check-web_server-page').isVisible()).toBe(true);
      expect(await page.locator('section.not-graded').innerText()).toContain('docker_hub_push');
      expect(await page.locator('#ex-web_server svg.chart circle').count()).toBe(4);

      const overflow = await layoutOf(page);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
      expect(overflow.clientWidth).toBe(width);
      // Dark mode is real: the page background follows the scheme.
      const bg = overflow.bodyBackground;
      expect(bg).toBe(colorScheme === 'dark' ? 'rgb(21, 21, 21)' : 'rgb(255, 255, 255)');

      await page.screenshot({ path: path.join(SCREENSHOTS, `grade-report-${width}-${colorScheme}.png`), fullPage: true });
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await page.close();
    }
  });

  test('412 px: every element inside the viewport (points beside the status, evidence at full width)', async () => {
    const { page } = await open(hostileResult(), [], { width: 412 });
    try {
      const { widestRight } = await layoutOf(page);
      expect(widestRight).toBeLessThanOrEqual(412);
      // Evidence text is not squeezed into a sliver: the <pre> gets most of the width.
      const pre = await page.locator('#ex-web_server .evidence pre').first().boundingBox();
      expect(pre!.width).toBeGreaterThan(300);
    } finally {
      await page.close();
    }
  });

  test('Italian report: labels, status words and dates in Italian', async () => {
    const { page, consoleErrors } = await open(italianResult(), earlierAttempts, { width: 1280, lang: 'it' });
    try {
      expect(await page.locator('html').getAttribute('lang')).toBe('it');
      expect(await page.locator('#h-next-steps').innerText()).toBe('Prossimi passi');
      expect(await page.locator('#check-bridge_isolation-two .status').innerText()).toBe('NON OTTENUTO');
      expect(await page.locator('#ex-web_server table.attempts tbody tr').first().innerText()).toBe('26 nov 2026, 11:05 CET\t80/100');
      // The runner's message id gives the advice, whatever the language of the message.
      expect(await page.locator('#check-web_server-stats .advice').innerText()).toContain('Aspetta un minuto e valuta di nuovo: grade web_server.');
      // Pieces the kinds build (a page summary, a selector, problems) are Italian too.
      expect(await page.locator('#check-web_server-page').innerText()).toContain(
        'con una pagina dal titolo "Apache2 Ubuntu Default Page: It works", in cui manca',
      );
      expect(await page.locator('#check-bridge_isolation-two').innerText()).toContain(
        'Nessuno dei 3 candidati per un container dell’immagine alpine va bene: test1 è collegato a 1 rete/i (bridge), non a 2',
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, 'grade-report-it.png'), fullPage: true });
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
