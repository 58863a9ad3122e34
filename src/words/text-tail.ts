/**
 * The end of a long output, marked as cut (`…`): what a process printed last
 * (a failing command, a container's log, a file's content) says the most, and
 * a message or a report shows only so much of it.
 */
export function textTail(text: string, max: number): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}
