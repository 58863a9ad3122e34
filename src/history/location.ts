import os from 'node:os';
import path from 'node:path';
import { userStateDir } from '../files/user-state-dir';

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
  return (platform === 'win32' ? path.win32 : path.posix).join(userStateDir(env, platform, home), 'history.jsonl');
}
