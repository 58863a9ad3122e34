import { message, type Lang } from '../messages/catalog';
import type { CheckResult } from '../result/types';
import { errorAdvice } from './error-advice';

/**
 * A check's outcome as plain text for formats without markup (JUnit bodies,
 * Gradescope output): message, hint (or, for a check the grader could not
 * decide, what to do about it), slide, and for a failed grade repo step the
 * end of its log (a build error is read in the merge request's test widget).
 */
export function checkText(c: CheckResult, exerciseId: string, lang: Lang = 'en'): string {
  const lines = [c.message];
  if (c.status === 'fail' && c.hint) lines.push(message(lang, 'text.whatToDo', { hint: c.hint.trim() }));
  if (c.status === 'error') lines.push(message(lang, 'text.whatNow', { advice: message(lang, errorAdvice(c), { exercise: exerciseId }) }));
  if (c.status !== 'pass' && c.slide) lines.push(message(lang, 'text.slide', { slide: c.slide }));
  if (c.warning) lines.push(message(lang, 'text.warning', { warning: c.warning.trim() }));
  const log = (c.evidence?.actual as { log?: unknown } | undefined)?.log;
  if (c.status === 'fail' && typeof log === 'string' && log) lines.push(`${message(lang, 'text.log')}\n${log.split('\n').slice(-15).join('\n')}`);
  return lines.join('\n');
}
