import type { CheckResult } from '../result/types';

/**
 * A check's outcome as plain text for formats without markup (JUnit bodies,
 * Gradescope output): message, hint, slide, and for a failed grade repo step the
 * end of its log (a build error is read in the merge request's test widget).
 */
export function checkText(c: CheckResult): string {
  const lines = [c.message];
  if (c.status === 'fail' && c.hint) lines.push(`What to do: ${c.hint.trim()}`);
  if (c.status !== 'pass' && c.slide) lines.push(`Slide: “${c.slide}”`);
  if (c.warning) lines.push(`Warning: ${c.warning.trim()}`);
  const log = (c.evidence?.actual as { log?: unknown } | undefined)?.log;
  if (c.status === 'fail' && typeof log === 'string' && log) lines.push(`Log (end):\n${log.split('\n').slice(-15).join('\n')}`);
  return lines.join('\n');
}
