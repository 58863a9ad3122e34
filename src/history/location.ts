import os from 'node:os';
import path from 'node:path';

export interface HistoryLocationInput {
  /** `--history FILE`, if given. */
  option?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * Where the attempt history lives: `$GRADE_HISTORY`, else `--history FILE`, else
 * the platform's place for state that outlives a run but is no user document.
 * The variable wins so that a course VM (or a test harness) can pin the file
 * for every command run in it, whatever the command line says.
 */
export function historyLocation({ option, env, cwd, platform = process.platform, home = os.homedir() }: HistoryLocationInput): string {
  const chosen = env.GRADE_HISTORY || option;
  if (chosen) return path.resolve(cwd, chosen);
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(local, 'grade', 'history.jsonl');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'grade', 'history.jsonl');
  // XDG Base Directory: a relative $XDG_STATE_HOME is invalid and must be ignored.
  const state = env.XDG_STATE_HOME && path.posix.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.posix.join(home, '.local', 'state');
  return path.posix.join(state, 'grade', 'history.jsonl');
}
