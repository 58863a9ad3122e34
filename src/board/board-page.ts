import { escapeXml } from '../report/xml';
import { translator, type Lang, type Translate } from '../messages/catalog';
import type { BoardCell, BoardStudent, BoardView } from './board-state';

/** Student names, ids and check titles reach the page: all text goes through here. */
const text = (v: string | number) => escapeXml(v);
const attr = (v: string | number) => escapeXml(v, 'attribute');

/** Without scripts the page reloads itself this often. */
export const NOSCRIPT_REFRESH_SECONDS = 10;

// One formatter for the whole page: toLocaleTimeString builds a new one per call, which made a 300-student page take a third of a second.
const hhmm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

function clock(iso: string): string {
  return hhmm.format(new Date(iso));
}

function cellHtml(c: BoardCell, t: Translate): string {
  if (c.state === 'absent') return '<td class="cell absent">–</td>';
  const title = [
    `${c.exercise}: ${c.points}/${c.max}`,
    c.fullAt ? t('boardPage.fullAt', { time: clock(c.fullAt) }) : '',
    c.errors ? t('boardPage.undecided', { count: c.errors }) : '',
    c.source === 'self' ? t('boardPage.selfReported') : t('boardPage.verified'),
  ].filter(Boolean);
  const classes = ['cell', c.state, c.source === 'self' ? 'self' : 'verified', c.errors ? 'errors' : ''].filter(Boolean).join(' ');
  const full = c.fullAt ? `<small class="full-at">✓ ${text(clock(c.fullAt))}</small>` : '';
  return `<td class="${classes}" title="${attr(title.join(' · '))}">${c.points}/${c.max}${full}</td>`;
}

function studentRow(s: BoardStudent, t: Translate): string {
  const stuck = s.stuck
    ? `<span class="stuck-mark" title="${attr(t('boardPage.stuckSince', { exercise: s.stuck.exercise, time: clock(s.stuck.since) }))}">${text(t('boardPage.stuck', { minutes: s.stuck.minutes, exercise: s.stuck.exercise }))}</span>`
    : '';
  const last = s.lastAt
    ? `<small>${text(t(s.lastSource === 'self' ? 'boardPage.lastSelf' : 'boardPage.last', { count: s.results, time: clock(s.lastAt) }))}</small>`
    : `<small>${text(t('boardPage.noResult'))}</small>`;
  return `<tr class="student${s.stuck ? ' stuck' : ''}" data-student="${attr(s.id)}"><th scope="row"><span class="name">${text(s.name)}</span> <code>${text(s.id)}</code>${stuck}<br>${last}</th>${s.cells.map((c) => cellHtml(c, t)).join('')}</tr>`;
}

/** The part of the page that changes: sent whole over the event stream, so the page and its updates come from one renderer. */
export function renderBoardMain(view: BoardView, lang: Lang = 'en'): string {
  const t = translator(lang);
  const head = view.exercises.map((e) => `<th scope="col" title="${attr(e.title)}">${text(e.id)}</th>`).join('');
  const shares = view.checks
    .map((c) => {
      const pct = c.of ? Math.round((100 * c.pass) / c.of) : 0;
      return `<tr><td><code>${text(c.exercise)}</code></td><td>${text(c.title)}</td><td class="num">${c.of ? `${c.pass}/${c.of}` : '–'}</td><td><meter min="0" max="100" value="${pct}">${pct}%</meter></td></tr>`;
    })
    .join('');
  const { summary } = view;
  return [
    `<p class="summary">${text(t('boardPage.reporting', { reporting: summary.reporting, students: summary.students, results: summary.results }))} · <strong>${text(t('boardPage.stuckCount', { count: summary.stuck }))}</strong> ${text(t('boardPage.stuckMeaning', { minutes: view.stuckMinutes }))} · ${text(t('boardPage.updated', { time: clock(view.generatedAt) }))}</p>`,
    `<table class="grid"><thead><tr><th scope="col">${text(t('boardPage.student'))}</th>${head}</tr></thead><tbody>${view.students.map((s) => studentRow(s, t)).join('')}</tbody></table>`,
    `<p class="legend"><span class="cell full">${text(t('boardPage.full'))}</span> <span class="cell partial">${text(t('boardPage.partial'))}</span> <span class="cell zero">${text(t('boardPage.zero'))}</span> <span class="cell self full">${text(t('boardPage.selfReported'))}</span> ${text(t('boardPage.legend'))}</p>`,
    `<h2>${text(t('boardPage.sharesTitle'))}</h2><table class="shares"><thead><tr><th>${text(t('boardPage.exercise'))}</th><th>${text(t('boardPage.check'))}</th><th>${text(t('boardPage.pass'))}</th><th></th></tr></thead><tbody>${shares}</tbody></table>`,
  ].join('\n');
}

function page(title: string, body: string, lang: Lang, head = ''): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
<link rel="stylesheet" href="/board.css">${head}
</head><body>
${body}
</body></html>
`;
}

/**
 * The whole page. `url` is the board's address as the browser reached it: the join line is a command
 * a student copies as it stands (`grade init --board http://… --join CODE`).
 */
export function renderBoardPage(view: BoardView, opts: { nonce: string; joinCode: string; className: string; url?: string; lang?: Lang }): string {
  const lang = opts.lang ?? 'en';
  const t = translator(lang);
  const join = `grade init --board ${opts.url ?? 'URL'} --join ${opts.joinCode}`;
  const liveWords = `data-connecting="${attr(t('boardPage.connecting'))}" data-live="${attr(t('boardPage.live'))}" data-reconnecting="${attr(t('boardPage.reconnecting'))}"`;
  const body = `<header><h1>${text(t('boardPage.title'))} <small>${text(opts.className)}</small></h1>
<p>${text(t('boardPage.studentsJoin'))} <code>${text(join)}</code> · <span id="live" class="live" ${liveWords}>${text(t('boardPage.needsScripts', { seconds: NOSCRIPT_REFRESH_SECONDS }))}</span>
· <a href="/grades.csv" download>grades.csv</a> · <a href="/class.json" download>class.json</a>
<form method="post" action="/logout" class="inline"><button type="submit">${text(t('boardPage.logOut'))}</button></form></p></header>
<main id="board">${renderBoardMain(view, lang)}</main>
<script src="/board.js" nonce="${attr(opts.nonce)}"></script>`;
  return page(
    t('boardPage.pageTitle', { name: opts.className }),
    body,
    lang,
    `\n<noscript><meta http-equiv="refresh" content="${NOSCRIPT_REFRESH_SECONDS}"></noscript>`,
  );
}

export function renderLoginPage(problem?: string, lang: Lang = 'en'): string {
  const t = translator(lang);
  const body = `<main class="login"><h1>${text(t('boardPage.title'))}</h1>
${problem ? `<p class="problem">${text(problem)}</p>` : ''}
<form method="post" action="/login"><label>${text(t('boardPage.secret'))} <input type="password" name="secret" autocomplete="current-password" required autofocus></label>
<button type="submit">${text(t('boardPage.logIn'))}</button></form></main>`;
  return page(t('boardPage.loginTitle'), body, lang);
}
