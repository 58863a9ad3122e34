import { styleText } from 'node:util';
import type { PlannedCheck } from '../runner/plan';
import type { RunHooks } from '../runner/run';
import { isAdvice, type CheckResult, type CheckStatus, type GradeResult } from '../result/types';
import { message, type Lang } from '../messages/catalog';
import { scoreRatio, type ExerciseHistory } from './input';
import { terminalLine, terminalText } from './terminal-text';
import { recapLines } from './terminal-recap';

type Style = Parameters<typeof styleText>[0];

/** Colours only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

const MARK: Record<CheckStatus, { sym: string; style: Style }> = {
  pass: { sym: '✔', style: 'green' },
  fail: { sym: '✘', style: 'red' },
  error: { sym: '!', style: 'yellow' },
  skip: { sym: '–', style: 'gray' },
};
const NOT_EARNED: { sym: string; style: Style } = { sym: '○', style: 'gray' };

/** `2026-11-27T12:00:05.123Z` → `2026-11-27 12:00 UTC`: short, and unambiguous on a shared VM. */
function shortDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Piped or in CI there is no live line: a check still running after this long says, once, what it waits for. */
export const SLOW_CHECK_MS = 3_000;

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Human output: the header and a live progress line while checks run (terminal
 * only) on the progress stream (stderr), then the summary — one line per check,
 * the hint under each failure, and the score — on the summary stream: stdout,
 * so `grade > out.txt` and `grade | less` keep it, or stderr when stdout
 * carries JSON.
 */
export class TerminalReporter implements RunHooks {
  private readonly color: boolean;
  private readonly summaryColor: boolean;
  private readonly live: boolean;
  private running = new Map<string, string>();
  private done = 0;
  private total = 0;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly slow = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    env: NodeJS.ProcessEnv = process.env,
    private readonly lang: Lang = 'en',
    private readonly summaryOut: NodeJS.WritableStream & { isTTY?: boolean } = out,
  ) {
    this.color = useColor(out, env);
    this.summaryColor = useColor(summaryOut, env);
    this.live = Boolean(out.isTTY) && env.TERM !== 'dumb';
  }

  /** Where the summary goes: lines that close it (grade repo's pass mark) follow it there. */
  get summaryStream(): NodeJS.WritableStream {
    return this.summaryOut;
  }

  /** Whether this reporter redraws a live line (a terminal): watch mode then clears the screen between runs. */
  get isLive(): boolean {
    return this.live;
  }

  private paint(style: Style, text: string, color = this.color): string {
    // grade decides about colour itself (useColor), for the stream it writes to, not process.stdout.
    return color ? styleText(style, text, { validateStream: false }) : text;
  }

  /** Paints for the summary's stream, which may be a terminal when stderr is not, or the other way round. */
  private readonly paintSummary = (style: Style, text: string): string => this.paint(style, text, this.summaryColor);

  header(target: { endpoint: string; dockerVersion: string }, graderVersion: string): void {
    const line = terminalLine(message(this.lang, 'terminal.header', { version: graderVersion, docker: target.dockerVersion, endpoint: target.endpoint }));
    this.out.write(this.paint('dim', `${line}\n`));
  }

  start(total: number): void {
    this.total = total;
    if (this.live) this.timer = setInterval(() => this.drawProgress(), 100);
  }

  onCheckStart(check: PlannedCheck): void {
    const key = `${check.exercise.id}/${check.spec.id}`;
    const what = terminalLine(`${check.exercise.id} › ${check.title}`);
    this.running.set(key, what);
    if (!this.live) {
      const started = Date.now();
      const timer = setTimeout(() => {
        this.slow.delete(key);
        const seconds = Math.round((Date.now() - started) / 1000);
        this.out.write(`${message(this.lang, 'terminal.waiting', { what, seconds })}\n`);
      }, SLOW_CHECK_MS);
      timer.unref();
      this.slow.set(key, timer);
    }
  }

  onCheckEnd(check: PlannedCheck): void {
    const key = `${check.exercise.id}/${check.spec.id}`;
    this.running.delete(key);
    clearTimeout(this.slow.get(key));
    this.slow.delete(key);
    this.done++;
  }

  private drawProgress(): void {
    const current = [...this.running.values()][0] ?? '';
    const width = (this.out as { columns?: number }).columns ?? 80;
    const line = `${SPINNER[this.frame++ % SPINNER.length]} ${message(this.lang, 'terminal.progress', { done: this.done, total: this.total })} · ${current}`;
    this.out.write(`\r\x1b[2K${this.paint('dim', line.slice(0, width - 1))}`);
  }

  stop(): void {
    for (const t of this.slow.values()) clearTimeout(t);
    this.slow.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) this.out.write('\r\x1b[2K');
  }

  private checkLines(c: CheckResult): string[] {
    const advice = isAdvice(c);
    // A missed bonus costs nothing: neutral, "not earned", as in the HTML report.
    const missedBonus = !advice && c.bonus && c.status === 'fail';
    const mark = advice && c.status === 'fail' ? { sym: 'i', style: 'cyan' as Style } : missedBonus ? NOT_EARNED : MARK[c.status];
    const pts = (advice ? message(this.lang, 'report.advice') : `${c.points}/${c.maxPoints}`).padStart(7);
    const bonusLabel = missedBonus ? message(this.lang, 'terminal.bonusNotEarned') : message(this.lang, 'terminal.bonus');
    const bonus = advice || !c.bonus ? '' : this.paintSummary(missedBonus ? 'gray' : 'cyan', ` ${bonusLabel}`);
    const lines = [`  ${this.paintSummary(mark.style, mark.sym)} ${pts}  ${terminalLine(c.title)}${bonus}`];
    const indent = ' '.repeat(13);
    // Every line of a message stays under its check: a newline in external text cannot start a line of its own.
    const indented = (text: string, by: string) => terminalText(text.trim()).replace(/\n/g, `\n${by}`);
    if (c.status !== 'pass') lines.push(indent + this.paintSummary(c.status === 'error' ? 'yellow' : 'dim', indented(c.message, indent)));
    if (c.status === 'fail' && c.hint) {
      lines.push(`${indent}${this.paintSummary('cyan', '→')} ${indented(c.hint, `${indent}  `)}`);
      // The command on a line of its own: a triple click copies it and nothing else.
      if (c.hintCommand) lines.push(`${indent}  ${terminalLine(c.hintCommand)}`);
      if (c.slide) lines.push(`${indent}  ${this.paintSummary('dim', message(this.lang, 'terminal.slide', { slide: terminalLine(c.slide) }))}`);
    }
    if (c.warning) lines.push(`${indent}${this.paintSummary('yellow', '⚠')} ${indented(c.warning, `${indent}  `)}`);
    return lines;
  }

  summary(result: GradeResult, reportFiles: string[], history?: ReadonlyMap<string, ExerciseHistory>): void {
    const lines: string[] = [];
    for (const ex of result.exercises) {
      const score = `${ex.score.points}/${ex.score.max}`;
      const full = ex.score.points === ex.score.max;
      lines.push('', `${this.paintSummary('bold', terminalLine(ex.id))}  ${terminalLine(ex.title)}  ${this.paintSummary(full ? 'green' : 'red', score)}`);
      const best = history?.get(ex.id)?.best;
      // Only when it tells the student something: an earlier attempt did better than this one.
      if (best && scoreRatio(best.score) > scoreRatio(ex.score)) {
        lines.push(
          this.paintSummary(
            'yellow',
            `  ${message(this.lang, 'terminal.bestSoFar', { score: `${best.score.points}/${best.score.max}`, when: shortDate(best.startedAt) })}`,
          ),
        );
      }
      for (const c of ex.checks) lines.push(...this.checkLines(c));
    }
    lines.push(...recapLines(result, this.paintSummary, this.lang));
    const t = result.score;
    lines.push(
      '',
      `${this.paintSummary('bold', message(this.lang, 'terminal.total'))} ${this.paintSummary(t.points === t.max ? 'green' : 'red', `${t.points}/${t.max}`)} ${message(this.lang, 'terminal.totalIn', { seconds: (result.durationMs / 1000).toFixed(1) })}`,
    );
    for (const f of reportFiles) lines.push(this.paintSummary('dim', message(this.lang, 'terminal.report', { file: terminalLine(f) })));
    this.summaryOut.write(`${lines.join('\n')}\n`);
  }
}
