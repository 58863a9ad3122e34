import { createInterface } from 'node:readline/promises';
import { joinBoard } from '../board/board-client';
import { terminalLine } from '../report/terminal-text';
import { errorMessage, SetupError } from '../errors/setup-error';
import { readUserConfig, writeUserConfig, type UserConfig } from '../config/user-config';
import { message, type Lang } from '../messages/catalog';
import type { CliIo } from './io';

export interface InitOptions {
  configFile: string;
  studentId?: string;
  name?: string;
  dockerhubUser?: string;
  /** `--board URL --join CODE`: join a live lab board (see joinBoardStep). */
  board?: string;
  joinCode?: string;
  /** The language of the prompts and lines (English by default). */
  lang?: Lang;
}

/** Docker Hub user names: 4–30 lowercase letters and digits. */
export function dockerHubUserProblem(user: string, lang: Lang = 'en'): string | undefined {
  if (user !== user.toLowerCase()) return message(lang, 'init.lowercase', { suggestion: user.toLowerCase() });
  if (!/^[a-z0-9]{4,30}$/.test(user)) return message(lang, 'init.userShape');
  return undefined;
}

/**
 * `grade init`: asks, in a terminal, who is graded and their Docker Hub user,
 * and writes the per-user config. Without a terminal it never prompts: every
 * answer must come as an option.
 */
export async function initCommand(opts: InitOptions, io: CliIo): Promise<number> {
  const lang = opts.lang ?? 'en';
  const current = readUserConfig(opts.configFile) ?? {};
  // Every value given is checked before anything is asked, joined or written, whatever other options come with it.
  const given = opts.dockerhubUser !== undefined ? dockerHubUserProblem(opts.dockerhubUser, lang) : undefined;
  if (given) throw new SetupError(message(lang, 'init.badUser', { user: opts.dockerhubUser }), given);
  if (opts.studentId !== undefined && !opts.studentId.trim())
    throw new SetupError(message(lang, 'init.emptyValue', { option: '--student-id' }), message(lang, 'init.emptyValueHint'));
  if (opts.name !== undefined && !opts.name.trim())
    throw new SetupError(message(lang, 'init.emptyValue', { option: '--name' }), message(lang, 'init.emptyValueHint'));
  if (opts.board !== undefined || opts.joinCode !== undefined) return joinBoardStep(opts, current, io, lang);
  let studentId = opts.studentId;
  let name = opts.name;
  let dockerhubUser = opts.dockerhubUser;
  const missing = [studentId === undefined && '--student-id', name === undefined && '--name', dockerhubUser === undefined && '--dockerhub-user'].filter(
    Boolean,
  );
  if (missing.length) {
    if (!io.stdin.isTTY) throw new SetupError(message(lang, 'init.noTerminal'), message(lang, 'init.passOptions', { options: missing.join(', ') }));
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
            throw new SetupError(message(lang, 'init.cancelled'), message(lang, 'init.cancelledHint'));
          }
          const answer = typed.trim() || previous || '';
          const problem = answer ? check?.(answer) : message(lang, 'init.pleaseAnswer');
          if (!problem) return answer;
          io.stderr.write(`  ${problem}\n`);
        }
      };
      studentId ??= await ask(message(lang, 'init.askStudentId'), current.student?.id);
      name ??= await ask(message(lang, 'init.askName'), current.student?.name);
      dockerhubUser ??= await ask(message(lang, 'init.askDockerHubUser'), current.vars?.dockerhub_user, (u) => dockerHubUserProblem(u, lang));
    } finally {
      rl.close();
    }
  }
  const problem = dockerhubUser ? dockerHubUserProblem(dockerhubUser, lang) : undefined;
  if (problem) throw new SetupError(message(lang, 'init.badUser', { user: dockerhubUser }), problem);
  const config: UserConfig = {
    student: { ...(studentId ? { id: studentId } : {}), ...(name ? { name } : {}) },
    vars: { ...(current.vars ?? {}), ...(dockerhubUser ? { dockerhub_user: dockerhubUser } : {}) },
  };
  writeUserConfig(opts.configFile, config);
  const wrote = { file: opts.configFile, id: config.student?.id ?? '-', name: config.student?.name ?? '-', user: config.vars?.dockerhub_user ?? '-' };
  io.stderr.write(`${message(lang, 'init.wrote', wrote)}\n`);
  return 0;
}

/**
 * `grade init --board URL --join CODE`: trades the class's join code for this
 * student's token and keeps it in the config; from then on every `grade` run
 * sends its result to the board. Only the student id is needed (from
 * --student-id or an earlier grade init); the other answers are kept.
 */
async function joinBoardStep(opts: InitOptions, current: UserConfig, io: CliIo, lang: Lang): Promise<number> {
  if (!opts.board || !opts.joinCode) throw new SetupError(message(lang, 'init.boardTogether'), message(lang, 'init.boardTogetherHint'));
  let url: URL;
  try {
    url = new URL(opts.board);
    if (!/^https?:$/.test(url.protocol)) throw new Error('not http');
  } catch {
    throw new SetupError(message(lang, 'init.badBoard', { board: opts.board }), message(lang, 'init.badBoardHint'));
  }
  const studentId = opts.studentId ?? current.student?.id;
  if (!studentId) throw new SetupError(message(lang, 'init.boardNeedsId'), message(lang, 'init.boardNeedsIdHint'));
  let joined: Awaited<ReturnType<typeof joinBoard>>;
  try {
    joined = await joinBoard(url.origin, opts.joinCode, studentId);
  } catch (e) {
    throw new SetupError(message(lang, 'init.joinFailed', { url: url.origin, error: terminalLine(errorMessage(e)) }), message(lang, 'init.joinFailedHint'));
  }
  // The other answers given with --board are kept too: a new Docker Hub user replaces the old one.
  const config: UserConfig = {
    ...current,
    student: { ...current.student, id: joined.student.id, name: opts.name ?? current.student?.name ?? joined.student.name },
    ...(opts.dockerhubUser !== undefined || current.vars
      ? { vars: { ...(current.vars ?? {}), ...(opts.dockerhubUser !== undefined ? { dockerhub_user: opts.dockerhubUser } : {}) } }
      : {}),
    board: { url: url.origin, token: joined.token },
  };
  writeUserConfig(opts.configFile, config);
  const who = terminalLine(`${joined.student.id} (${joined.student.name})`);
  io.stderr.write(`${message(lang, 'init.joined', { url: url.origin, who, file: opts.configFile })}\n`);
  if (opts.dockerhubUser !== undefined) io.stderr.write(`${message(lang, 'init.keptUser', { user: opts.dockerhubUser })}\n`);
  return 0;
}
