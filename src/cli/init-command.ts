import { createInterface } from 'node:readline/promises';
import { joinBoard } from '../board/board-client';
import { terminalLine } from '../report/terminal-text';
import { errorMessage, SetupError } from '../errors';
import { readUserConfig, writeUserConfig, type UserConfig } from '../config/user-config';
import type { CliIo } from './io';

export interface InitOptions {
  configFile: string;
  studentId?: string;
  name?: string;
  dockerhubUser?: string;
  /** `--board URL --join CODE`: join a live lab board (see joinBoardStep). */
  board?: string;
  joinCode?: string;
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
  if (opts.board !== undefined || opts.joinCode !== undefined) return joinBoardStep(opts, current, io);
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

/**
 * `grade init --board URL --join CODE`: trades the class's join code for this
 * student's token and keeps it in the config; from then on every `grade` run
 * sends its result to the board. Only the student id is needed (from
 * --student-id or an earlier grade init); the other answers are kept.
 */
async function joinBoardStep(opts: InitOptions, current: UserConfig, io: CliIo): Promise<number> {
  if (!opts.board || !opts.joinCode) throw new SetupError('--board and --join go together', 'grade init --board URL --join CODE (both from your instructor)');
  let url: URL;
  try {
    url = new URL(opts.board);
    if (!/^https?:$/.test(url.protocol)) throw new Error('not http');
  } catch {
    throw new SetupError(`bad --board "${opts.board}"`, 'give the board address your instructor gave, e.g. http://10.0.0.5:8700');
  }
  const studentId = opts.studentId ?? current.student?.id;
  if (!studentId) throw new SetupError('the board needs your student id', 'add --student-id ID (as the class file spells it)');
  let joined: Awaited<ReturnType<typeof joinBoard>>;
  try {
    joined = await joinBoard(url.origin, opts.joinCode, studentId);
  } catch (e) {
    throw new SetupError(
      `could not join the board at ${url.origin}: ${terminalLine(errorMessage(e))}`,
      'check the address, the join code and your student id with your instructor',
    );
  }
  const config: UserConfig = {
    ...current,
    student: { ...current.student, id: joined.student.id, name: opts.name ?? current.student?.name ?? joined.student.name },
    board: { url: url.origin, token: joined.token },
  };
  writeUserConfig(opts.configFile, config);
  io.stderr.write(
    `joined the board at ${url.origin} as ${terminalLine(`${joined.student.id} (${joined.student.name})`)}; every grade run now sends its result there (${opts.configFile})\n`,
  );
  return 0;
}
