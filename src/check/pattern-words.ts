import { phrase, type MessageValue } from '../messages/phrase';

/** A pattern that is plain text (a leading ^ and a trailing $ aside, metacharacters escaped): that text. */
export function literalOf(pattern: string): { text: string; exact: boolean } | undefined {
  const start = pattern.startsWith('^');
  const end = pattern.endsWith('$') && !pattern.endsWith('\\$');
  const body = pattern.slice(start ? 1 : 0, end ? -1 : undefined);
  let text = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') {
      const next = body[i + 1];
      // \d, \s, \b… are classes, not characters.
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      text += next;
      i++;
    } else if ('.*+?()[]{}|^$'.includes(ch)) return undefined;
    else text += ch;
  }
  return text ? { text, exact: start && end } : undefined;
}

/**
 * A spec's regular expression as a novice reads it, never as a regex: plain text is quoted as text;
 * anything else is "of the form the exercise asks for", the pattern itself kept under Details
 * (the check's evidence) in the reports and in JSON.
 *
 * `qualifier` reads after a noun ("no process …", "0 lines …"); `bare` stands alone ("which lacks …").
 */
export function patternInWords(pattern: string, form: 'qualifier' | 'bare'): MessageValue {
  const literal = literalOf(pattern);
  if (form === 'bare') return literal ? `"${literal.text}"` : phrase('part.pattern.text');
  if (!literal) return phrase('part.pattern.form');
  return literal.exact ? `\`${literal.text}\`` : phrase('part.pattern.with', { text: literal.text });
}
