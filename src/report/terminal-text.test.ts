import { terminalLine, terminalText } from './terminal-text';

describe('terminalText', () => {
  test('removes escape sequences whole and every other control character, keeping newline and tab', () => {
    expect(terminalText('a\x1b]52;c;cm0gLXJmIH4K\x07b')).toBe('ab');
    expect(terminalText('a\x1b]0;title\x1b\\b')).toBe('ab');
    expect(terminalText('\r\x1b[2Kforged')).toBe('forged');
    expect(terminalText('\x1b[31mred\x1b[0m')).toBe('red');
    expect(terminalText('bell\x07 back\x08 del\x7f c1\x9b2J nul\x00')).toBe('bell back del c1 nul');
    expect(terminalText('line one\n\tline two')).toBe('line one\n\tline two');
    expect(terminalText('naïve — ✔ 日本')).toBe('naïve — ✔ 日本');
  });

  test('terminalLine keeps a value on one line', () => {
    expect(terminalLine('host down\n✔ alice 100/100')).toBe('host down ✔ alice 100/100');
  });
});
