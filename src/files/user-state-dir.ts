import os from 'node:os';
import path from 'node:path';

/**
 * grade's per-user folder for state that outlives a run but is no user
 * document (the attempt history, reports that could not go where asked):
 * `%LOCALAPPDATA%\grade` on Windows, `~/Library/Application Support/grade` on
 * macOS, `$XDG_STATE_HOME/grade` (else `~/.local/state/grade`) elsewhere.
 */
export function userStateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'), 'grade');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'grade');
  // XDG Base Directory: a relative $XDG_STATE_HOME is invalid and must be ignored.
  const state = env.XDG_STATE_HOME && path.posix.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.posix.join(home, '.local', 'state');
  return path.posix.join(state, 'grade');
}
