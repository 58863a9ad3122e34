import path from 'node:path';
import { DEFAULT_LISTEN } from '../board/board-address';
import { instructorSecret } from '../board/board-auth';
import type { BoardExercise } from '../board/board-state';
import { BoardServer } from '../board/board-server';
import { openBoardStore } from '../board/open-store';
import { loadClassFile } from '../batch/hosts-file';
import { SetupError } from '../errors/setup-error';
import { message, type Lang } from '../messages/catalog';
import { appliesIn } from '../exercise/exercise';
import { loadExercises } from '../exercise/load';
import { localizeExercise } from '../exercise/localize';
import { placeholderVariables } from '../exercise/variables';
import type { CliIo } from './io';

export interface BoardCommandOptions {
  classFile: string;
  /** host:port */
  listen: string;
  /** A SQLite file or a postgres:// URL; default: a SQLite file beside the class file. */
  db?: string;
  secretFile?: string;
  stuckMinutes: number;
  exercisesDir: string;
  lang: Lang;
}

/** `127.0.0.1:8700`, `[::1]:8700`, `0.0.0.0:8700`. */
export function parseListen(text: string, lang: Lang = 'en'): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(m?.[3]);
  if (!m || port > 65535)
    throw new SetupError(message(lang, 'board.badListen', { value: text }), message(lang, 'board.badListenAdvice', { example: DEFAULT_LISTEN }));
  return { host: m[1] ?? m[2]!, port };
}

/** Beside the class file: `class.yaml` → `class.board.sqlite` and `class.board-secret`. */
export function besideClassFile(classFile: string, suffix: string): string {
  const { dir, name } = path.parse(classFile);
  return path.join(dir, `${name}.${suffix}`);
}

/** The board's columns: titles in the board's language, a variable each student fills (`${dockerhub_user}`) as `<dockerhub_user>`. */
export function boardExercises(exercisesDir: string, lang: Lang = 'en'): BoardExercise[] {
  return loadExercises(exercisesDir)
    .map((e) => localizeExercise(e, lang))
    .map((e) => ({
      id: e.id,
      title: placeholderVariables(e.title),
      checks: e.checks.filter((c) => appliesIn(c, 'host')).map((c) => ({ id: c.id, title: placeholderVariables(c.title) })),
    }));
}

/** `grade board --class FILE`: serves the live lab board until Ctrl-C. */
export async function boardCommand(opts: BoardCommandOptions, io: CliIo): Promise<number> {
  const roster = loadClassFile(opts.classFile);
  const exercises = boardExercises(opts.exercisesDir, opts.lang);
  const { lang } = opts;
  const { host, port } = parseListen(opts.listen, lang);
  const secretFile = opts.secretFile ?? besideClassFile(opts.classFile, 'board-secret');
  const { secret, created } = instructorSecret(io.env, secretFile, true);
  const store = await openBoardStore(opts.db ?? besideClassFile(opts.classFile, 'board.sqlite'));
  let server: BoardServer | undefined;
  try {
    server = await BoardServer.create({ store, roster, exercises, secret, className: path.basename(opts.classFile), stuckMinutes: opts.stuckMinutes, lang });
    const url = await server.listen(host, port).catch((e: NodeJS.ErrnoException) => {
      throw new SetupError(message(lang, 'board.cannotListen', { listen: opts.listen, why: e.code ?? e.message }), message(lang, 'board.cannotListenAdvice'));
    });
    io.stderr.write(
      [
        message(lang, 'board.serving', { url, students: roster.length, exercises: exercises.length, minutes: opts.stuckMinutes }),
        io.env.GRADE_BOARD_SECRET
          ? message(lang, 'board.secretFromEnv')
          : message(lang, created ? 'board.secretMade' : 'board.secretFile', { file: secretFile }),
        message(lang, 'board.studentsJoin', { url, code: server.joinCode }),
        message(lang, 'board.ctrlC'),
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      const unsubscribe = io.onSignal(() => {
        unsubscribe();
        resolve();
      });
    });
    io.stderr.write(`${message(lang, 'board.stopped')}\n`);
    return 0;
  } finally {
    await server?.close();
    await store.close();
  }
}

/** `grade board revoke STUDENT…`: the students' tokens stop working at once (the board reads them at every push). */
export async function revokeCommand(studentIds: string[], opts: Pick<BoardCommandOptions, 'classFile' | 'db' | 'lang'>, io: CliIo): Promise<number> {
  const { lang } = opts;
  const roster = new Set(loadClassFile(opts.classFile).map((m) => m.id));
  const unknown = studentIds.filter((id) => !roster.has(id));
  if (unknown.length) throw new SetupError(message(lang, 'board.notInClass', { ids: unknown.join(', ') }), message(lang, 'board.notInClassAdvice'));
  const store = await openBoardStore(opts.db ?? besideClassFile(opts.classFile, 'board.sqlite'));
  try {
    for (const id of studentIds) {
      const n = await store.revokeTokens(id, new Date().toISOString());
      io.stderr.write(`${n ? message(lang, 'board.revoked', { id, count: n }) : message(lang, 'board.revokedNone', { id })}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
