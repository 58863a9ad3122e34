import { escapeXml } from '../report/xml';
import type { BoardCell, BoardStudent, BoardView } from './board-state';

/** Bidirectional controls (embeddings, overrides, isolates, marks): a name could show "evil" as "live". */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function withoutBidi(v: string): string {
  return v.replace(BIDI, '');
}

/** Student names, ids and check titles reach the page: all text goes through here. */
const text = (v: string | number) => escapeXml(typeof v === 'string' ? withoutBidi(v) : v);
const attr = (v: string | number) => escapeXml(typeof v === 'string' ? withoutBidi(v) : v, 'attribute');

/** Without scripts the page reloads itself this often. */
export const NOSCRIPT_REFRESH_SECONDS = 10;

// One formatter for the whole page: toLocaleTimeString builds a new one per call, which made a 300-student page take a third of a second.
const hhmm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

function clock(iso: string): string {
  return hhmm.format(new Date(iso));
}

function cellHtml(c: BoardCell): string {
  if (c.state === 'absent') return '<td class="cell absent">–</td>';
  const title = [
    `${c.exercise}: ${c.points}/${c.max}`,
    c.fullAt ? `full marks first at ${clock(c.fullAt)}` : '',
    c.errors ? `${c.errors} check(s) the grader could not decide` : '',
    c.source === 'self' ? 'self-reported' : 'verified (SSH round)',
    c.reported !== undefined ? `reported ${c.reported}, verified ${c.points}` : '',
  ].filter(Boolean);
  const classes = ['cell', c.state, c.source === 'self' ? 'self' : 'verified', c.errors ? 'errors' : '', c.reported !== undefined ? 'differs' : '']
    .filter(Boolean)
    .join(' ');
  const full = c.fullAt ? `<small class="full-at">✓ ${text(clock(c.fullAt))}</small>` : '';
  const differs = c.reported !== undefined ? `<small class="reported">reported ${c.reported}</small>` : '';
  return `<td class="${classes}" title="${attr(title.join(' · '))}">${c.points}/${c.max}${full}${differs}</td>`;
}

function studentRow(s: BoardStudent): string {
  const stuck = s.stuck
    ? `<span class="stuck-mark" title="${attr(`no improvement on ${s.stuck.exercise} since ${clock(s.stuck.since)}`)}">stuck ${s.stuck.minutes} min on ${text(s.stuck.exercise)}</span>`
    : '';
  const last = s.lastAt
    ? `<small>${s.results} result(s), last ${text(clock(s.lastAt))}${s.lastSource === 'self' ? ' (self-reported)' : ''}</small>`
    : '<small>no result yet</small>';
  const unreachable = s.unreachable
    ? `<br><small class="unreachable" title="${attr(`SSH round at ${clock(s.unreachable.at)}`)}">not graded at ${text(clock(s.unreachable.at))}: ${text(s.unreachable.reason)}</small>`
    : '';
  return `<tr class="student${s.stuck ? ' stuck' : ''}" data-student="${attr(s.id)}"><th scope="row"><span class="name">${text(s.name)}</span> <code>${text(s.id)}</code>${stuck}<br>${last}${unreachable}</th>${s.cells.map(cellHtml).join('')}</tr>`;
}

/** The part of the page that changes: sent whole over the event stream, so the page and its updates come from one renderer. */
export function renderBoardMain(view: BoardView): string {
  const head = view.exercises.map((e) => `<th scope="col" title="${attr(e.title)}">${text(e.id)}</th>`).join('');
  const shares = view.checks
    .map((c) => {
      const pct = c.of ? Math.round((100 * c.pass) / c.of) : 0;
      return `<tr><td><code>${text(c.exercise)}</code></td><td>${text(c.title)}</td><td class="num">${c.of ? `${c.pass}/${c.of}` : '–'}</td><td><meter min="0" max="100" value="${pct}">${pct}%</meter></td></tr>`;
    })
    .join('');
  const { summary } = view;
  return [
    `<p class="summary">${summary.reporting}/${summary.students} students reporting · ${summary.results} results · <strong>${summary.stuck} stuck</strong> (no improvement for ${view.stuckMinutes} min) · updated ${text(clock(view.generatedAt))}</p>`,
    `<table class="grid"><thead><tr><th scope="col">student</th>${head}</tr></thead><tbody>${view.students.map(studentRow).join('')}</tbody></table>`,
    '<p class="legend"><span class="cell full">full</span> <span class="cell partial">partial</span> <span class="cell zero">zero</span> <span class="cell self full">self-reported</span> (dashed: sent by the student\'s own run; grades of record come from SSH rounds or CI) · ✓ time = first full marks</p>',
    `<h2>Checks: share of the class that passes</h2><table class="shares"><thead><tr><th>exercise</th><th>check</th><th>pass</th><th></th></tr></thead><tbody>${shares}</tbody></table>`,
  ].join('\n');
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
<link rel="stylesheet" href="/board.css">${head}
</head><body>
${body}
</body></html>
`;
}

export function renderBoardPage(view: BoardView, opts: { nonce: string; joinCode: string; className: string }): string {
  const body = `<header><h1>Live lab board <small>${text(opts.className)}</small></h1>
<p>Students join with <code>grade init --board URL --join ${text(opts.joinCode)}</code> · <span id="live" class="live">live updates need scripts: this page reloads every ${NOSCRIPT_REFRESH_SECONDS} s</span>
· <a href="/grades.csv" download>grades.csv</a> · <a href="/class.json" download>class.json</a>
<form method="post" action="/logout" class="inline"><button type="submit">log out</button></form></p></header>
<main id="board">${renderBoardMain(view)}</main>
<script src="/board.js" nonce="${attr(opts.nonce)}"></script>`;
  return page(`Lab board: ${opts.className}`, body, `\n<noscript><meta http-equiv="refresh" content="${NOSCRIPT_REFRESH_SECONDS}"></noscript>`);
}

export function renderLoginPage(problem?: string): string {
  const body = `<main class="login"><h1>Live lab board</h1>
${problem ? `<p class="problem">${text(problem)}</p>` : ''}
<form method="post" action="/login"><label>Instructor secret <input type="password" name="secret" autocomplete="current-password" required autofocus></label>
<button type="submit">Log in</button></form></main>`;
  return page('Lab board: log in', body);
}
