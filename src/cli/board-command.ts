import path from 'node:path';
import { DEFAULT_LISTEN, isLoopbackHost } from '../board/board-address';
import { instructorSecret, newJoinCode } from '../board/board-auth';
import type { CatalogueExercise } from '../board/board-result-checks';
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
  /** Reverse proxies whose forwarded address and protocol are believed. */
  trustProxy?: string[];
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

/** The board's columns: titles in the board's language, a variable each student fills (`${dockerhub_user}`) as `<dockerhub_user>`; each check's points for checking what students send. */
export function boardExercises(exercisesDir: string, lang: Lang = 'en'): CatalogueExercise[] {
  return loadExercises(exercisesDir)
    .map((e) => localizeExercise(e, lang))
    .map((e) => ({
      id: e.id,
      title: placeholderVariables(e.title),
      checks: e.checks.filter((c) => appliesIn(c, 'host')).map((c) => ({ id: c.id, title: placeholderVariables(c.title) })),
      scoring: e.checks.map((c) => ({ id: c.id, points: c.points, bonus: Boolean(c.bonus) })),
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
    server = await BoardServer.create({
      store,
      roster,
      exercises,
      secret,
      className: path.basename(opts.classFile),
      stuckMinutes: opts.stuckMinutes,
      lang,
      ...(opts.trustProxy?.length ? { trustProxy: opts.trustProxy } : {}),
    });
    const url = await server.listen(host, port).catch((e: NodeJS.ErrnoException) => {
      throw new SetupError(message(lang, 'board.cannotListen', { listen: opts.listen, why: e.code ?? e.message }), message(lang, 'board.cannotListenAdvice'));
    });
    const size = await store.size();
    io.stderr.write(
      [
        message(lang, 'board.serving', { url, students: roster.length, exercises: exercises.length, minutes: opts.stuckMinutes }),
        io.env.GRADE_BOARD_SECRET
          ? message(lang, 'board.secretFromEnv')
          : message(lang, created ? 'board.secretMade' : 'board.secretFile', { file: secretFile }),
        message(lang, 'board.studentsJoin', { url, code: server.joinCode }),
        message(lang, 'board.storeSize', { results: size.results, mb: (size.bytes / 1e6).toFixed(1) }),
        ...(isLoopbackHost(host) ? [] : [message(lang, 'board.clearListen', { listen: opts.listen })]),
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

/**
 * `grade board revoke STUDENT…`: the students' tokens stop working at once
 * (the board reads them at every push); with `dropResults`, what their tokens
 * sent is removed too, and a running board rebuilds those students' cells
 * from what is left within a second.
 */
export async function revokeCommand(
  studentIds: string[],
  opts: Pick<BoardCommandOptions, 'classFile' | 'db' | 'lang'> & { dropResults?: boolean },
  io: CliIo,
): Promise<number> {
  const { lang } = opts;
  const roster = new Set(loadClassFile(opts.classFile).map((m) => m.id));
  const unknown = studentIds.filter((id) => !roster.has(id));
  if (unknown.length) throw new SetupError(message(lang, 'board.notInClass', { ids: unknown.join(', ') }), message(lang, 'board.notInClassAdvice'));
  const store = await openBoardStore(opts.db ?? besideClassFile(opts.classFile, 'board.sqlite'));
  try {
    for (const id of studentIds) {
      const n = await store.revokeTokens(id, new Date().toISOString());
      io.stderr.write(`${n ? message(lang, 'board.revoked', { id, count: n }) : message(lang, 'board.revokedNone', { id })}\n`);
      if (opts.dropResults) io.stderr.write(`${message(lang, 'board.dropped', { id, count: await store.dropSelfReported(id) })}\n`);
    }
    if (opts.dropResults) await store.setSetting('progress_epoch', `${Date.now()}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `--older-than 30d` → milliseconds: days or hours, at least one hour. */
export function parseAge(text: string, lang: Lang = 'en'): number {
  const m = /^(\d+)(d|h)$/.exec(text.trim());
  const ms = Number(m?.[1]) * (m?.[2] === 'h' ? 3_600_000 : 86_400_000);
  if (!m || ms < 3_600_000) throw new SetupError(message(lang, 'board.badAge', { value: text }), message(lang, 'board.badAgeAdvice'));
  return ms;
}

/** `grade board prune --older-than 30d`: removes stored results received before then; the board shows the same after (it keeps what it shows apart). */
export async function pruneCommand(olderThan: string, opts: Pick<BoardCommandOptions, 'classFile' | 'db' | 'lang'>, io: CliIo): Promise<number> {
  const { lang } = opts;
  const before = new Date(Date.now() - parseAge(olderThan, lang)).toISOString();
  loadClassFile(opts.classFile);
  const store = await openBoardStore(opts.db ?? besideClassFile(opts.classFile, 'board.sqlite'));
  try {
    const removed = await store.prune(before);
    const size = await store.size();
    io.stderr.write(`${message(lang, 'board.pruned', { removed, before, kept: size.results, mb: (size.bytes / 1e6).toFixed(1) })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `grade board rotate-code`: a new join code, on a running board within a second; tokens already issued keep working. */
export async function rotateCodeCommand(opts: Pick<BoardCommandOptions, 'classFile' | 'db' | 'lang'>, io: CliIo): Promise<number> {
  loadClassFile(opts.classFile);
  const store = await openBoardStore(opts.db ?? besideClassFile(opts.classFile, 'board.sqlite'));
  try {
    const code = newJoinCode();
    await store.setSetting('join_code', code);
    io.stderr.write(`${message(opts.lang, 'board.rotated', { code })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
