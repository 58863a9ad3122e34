/**
 * Text that came from outside grade (container names and logs, probe output,
 * engine and SSH errors, pages) made safe to print on a terminal: escape
 * sequences and other control characters could otherwise move the cursor,
 * erase a line and write a forged one (`\r\x1b[2K✔ 100/100`), set the
 * clipboard (OSC 52) or retitle the window. Newline and tab stay.
 *
 * Every line grade writes to a terminal passes external text through here
 * before grade adds its own colours, so grade's colours still work.
 */

/** CSI (`ESC [ … final`) and OSC/DCS/APC/PM/SOS strings (`ESC ] … BEL` or `… ESC \`): removed whole, so nothing of them shows. */
const ESCAPE_SEQUENCE =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]|[\x90\x9d\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g;

/** C0 controls but tab and newline, DEL, and C1 controls (U+0080–U+009F). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** For a value printed inside one line (a name, an error): newlines too become spaces. */
export function terminalLine(text: string): string {
  return terminalText(text).replace(/[\n\t]+/g, ' ');
}
