import { createInterface } from 'node:readline/promises';
import { SetupError } from '../errors';
import { readUserConfig, writeUserConfig, type UserConfig } from '../config/user-config';
import type { CliIo } from './io';

export interface InitOptions {
  configFile: string;
  studentId?: string;
  name?: string;
  dockerhubUser?: string;
}

/** Docker Hub user names: 4–30 lowercase letters and digits. */
export function dockerHubUserProblem(user: string): string | undefined {
  if (user !== user.toLowerCase()) return `Docker Hub user names are lowercase: ${user.toLowerCase()}?`;
  if (!/^[a-z0-9]{4,30}$/.test(user)) return 'a Docker Hub user name has 4 to 30 lowercase letters and digits';
  return undefined;
}

/**
 * `grade init`: asks, in a terminal, who is graded and their Docker Hub user,
 * and writes the per-user config. Without a terminal it never prompts: every
 * answer must come as an option.
 */
export async function initCommand(opts: InitOptions, io: CliIo): Promise<number> {
  const current = readUserConfig(opts.configFile) ?? {};
  let studentId = opts.studentId;
  let name = opts.name;
  let dockerhubUser = opts.dockerhubUser;
  const missing = [studentId === undefined && '--student-id', name === undefined && '--name', dockerhubUser === undefined && '--dockerhub-user'].filter(
    Boolean,
  );
  if (missing.length) {
    if (!io.stdin.isTTY) throw new SetupError('grade init has no terminal to ask in', `pass ${missing.join(', ')}`);
    const rl = createInterface({ input: io.stdin, output: io.stderr });
    const cancelled = new AbortController();
    // Ctrl+D or Ctrl+C at a prompt: stop cleanly, nothing written.
    rl.on('close', () => cancelled.abort());
    rl.on('SIGINT', () => rl.close());
    try {
      const ask = async (question: string, previous: string | undefined, check?: (v: string) => string | undefined): Promise<string> => {
        for (;;) {
          let typed: string;
          try {
            typed = await rl.question(`${question}${previous ? ` [${previous}]` : ''}: `, { signal: cancelled.signal });
          } catch {
            throw new SetupError('grade init cancelled', 'nothing was written; run it again to answer');
          }
          const answer = typed.trim() || previous || '';
          const problem = answer ? check?.(answer) : 'please answer';
          if (!problem) return answer;
          io.stderr.write(`  ${problem}\n`);
        }
      };
      studentId ??= await ask('Student id (as your course knows you)', current.student?.id);
      name ??= await ask('Your name', current.student?.name);
      dockerhubUser ??= await ask('Docker Hub user name', current.vars?.dockerhub_user, dockerHubUserProblem);
    } finally {
      rl.close();
    }
  }
  const problem = dockerhubUser ? dockerHubUserProblem(dockerhubUser) : undefined;
  if (problem) throw new SetupError(`bad --dockerhub-user "${dockerhubUser}"`, problem);
  const config: UserConfig = {
    student: { ...(studentId ? { id: studentId } : {}), ...(name ? { name } : {}) },
    vars: { ...(current.vars ?? {}), ...(dockerhubUser ? { dockerhub_user: dockerhubUser } : {}) },
  };
  writeUserConfig(opts.configFile, config);
  io.stderr.write(
    `wrote ${opts.configFile}: student ${config.student?.id ?? '-'} (${config.student?.name ?? '-'}), Docker Hub user ${config.vars?.dockerhub_user ?? '-'}\n`,
  );
  return 0;
}
