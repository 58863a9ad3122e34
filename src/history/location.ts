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
 * Where the attempt history lives: `--history FILE`, else `$GRADE_HISTORY`, else
 * the platform's place for state that outlives a run but is no user document.
 * The command line wins, as everywhere in grade (--var over GRADE_VAR_*,
 * --host over DOCKER_HOST).
 */
export function historyLocation({ option, env, cwd, platform = process.platform, home = os.homedir() }: HistoryLocationInput): string {
  const chosen = option || env.GRADE_HISTORY;
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
