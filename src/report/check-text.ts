import type { CheckResult } from '../result/types';

/** A check's outcome as plain text for formats without markup (JUnit bodies, Gradescope output): message, hint, slide. */
export function checkText(c: CheckResult): string {
  const lines = [c.message];
  if (c.status === 'fail' && c.hint) lines.push(`What to do: ${c.hint.trim()}`);
  if (c.status !== 'pass' && c.slide) lines.push(`Slide: “${c.slide}”`);
  if (c.warning) lines.push(`Warning: ${c.warning.trim()}`);
  return lines.join('\n');
}
