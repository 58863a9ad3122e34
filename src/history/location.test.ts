import { historyLocation } from './location';

const base = { cwd: '/work/course', home: '/home/alice' };

describe('history location', () => {
  test('--history wins over $GRADE_HISTORY, which wins over the platform default; relative paths from the working folder', () => {
    expect(historyLocation({ ...base, env: { GRADE_HISTORY: 'h.jsonl' }, option: '/tmp/o.jsonl', platform: 'linux' })).toBe('/tmp/o.jsonl');
    expect(historyLocation({ ...base, env: { GRADE_HISTORY: 'h.jsonl' }, platform: 'linux' })).toBe('/work/course/h.jsonl');
    expect(historyLocation({ ...base, env: {}, option: 'o.jsonl', platform: 'linux' })).toBe('/work/course/o.jsonl');
    expect(historyLocation({ ...base, env: { GRADE_HISTORY: '' }, option: '/tmp/o.jsonl', platform: 'linux' })).toBe('/tmp/o.jsonl');
  });

  test('Linux and others: $XDG_STATE_HOME/grade/history.jsonl, else ~/.local/state (a relative XDG value is ignored)', () => {
    expect(historyLocation({ ...base, env: {}, platform: 'linux' })).toBe('/home/alice/.local/state/grade/history.jsonl');
    expect(historyLocation({ ...base, env: { XDG_STATE_HOME: '/var/state' }, platform: 'linux' })).toBe('/var/state/grade/history.jsonl');
    expect(historyLocation({ ...base, env: { XDG_STATE_HOME: 'rel' }, platform: 'freebsd' })).toBe('/home/alice/.local/state/grade/history.jsonl');
  });

  test('macOS: ~/Library/Application Support/grade', () => {
    expect(historyLocation({ ...base, env: { XDG_STATE_HOME: '/x' }, platform: 'darwin' })).toBe('/home/alice/Library/Application Support/grade/history.jsonl');
  });

  test("Windows: %LOCALAPPDATA%\\grade, else the home folder's AppData\\Local", () => {
    expect(historyLocation({ ...base, home: 'C:\\Users\\alice', env: { LOCALAPPDATA: 'C:\\Users\\alice\\AppData\\Local' }, platform: 'win32' })).toBe(
      'C:\\Users\\alice\\AppData\\Local\\grade\\history.jsonl',
    );
    expect(historyLocation({ ...base, home: 'C:\\Users\\bob', env: {}, platform: 'win32' })).toBe('C:\\Users\\bob\\AppData\\Local\\grade\\history.jsonl');
  });
});
