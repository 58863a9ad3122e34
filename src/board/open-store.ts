import { phrase } from '../messages/phrase';
import { SetupError, errorMessage } from '../errors/setup-error';
import type { BoardStore } from './board-store';
import { PostgresBoardStore } from './postgres-store';
import { SqliteBoardStore } from './sqlite-store';

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

/** `--db postgres://…` opens PostgreSQL; anything else is a SQLite file. */
export async function openBoardStore(db: string): Promise<BoardStore> {
  try {
    return isPostgresUrl(db) ? await PostgresBoardStore.open(db) : new SqliteBoardStore(db);
  } catch (e) {
    if (e instanceof SetupError) throw e;
    // The URL may hold a password: name only the kind of database.
    const why = errorMessage(e);
    throw new SetupError(
      isPostgresUrl(db) ? phrase('error.boardDbPostgres', { why }) : phrase('error.boardDbFile', { db, why }),
      phrase('error.boardDbAdvice'),
    );
  }
}
