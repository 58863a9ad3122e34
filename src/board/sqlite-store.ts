import { phrase } from '../messages/phrase';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { SetupError } from '../errors/setup-error';
import { boardTables, resultFromRow, type BoardStore, type NewResult, type ResultRow, type StoredResult, type TokenRecord } from './board-store';
import { makeFolder } from '../files/make-folder';

/**
 * better-sqlite3 is a native module that builds from source where no prebuilt
 * binary is reachable (about a minute): the package lists it as an optional
 * peer dependency, so installing grade does not build it for the students who
 * never run a board. The instructor who does adds it once.
 */
function loadBetterSqlite3(): typeof Database {
  try {
    return require('better-sqlite3') as typeof Database;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    throw new SetupError(phrase('error.noSqlite'), phrase('error.noSqliteAdvice'));
  }
}

/**
 * The embedded default: one SQLite file, WAL mode so the page's reads never
 * wait for a push, and `grade board revoke` can write while the board runs.
 */
export class SqliteBoardStore implements BoardStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(readonly file: string) {
    makeFolder(path.dirname(path.resolve(file)));
    const Sqlite = loadBetterSqlite3();
    this.db = new Sqlite(file);
    this.db.pragma('journal_mode = WAL');
    // A second process (grade board revoke) may hold the write lock for a moment.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    for (const sql of boardTables('INTEGER PRIMARY KEY AUTOINCREMENT')) this.db.exec(sql);
    this.insert = this.db.prepare(
      `INSERT INTO results (student_id, source, idempotency_key, received_at, result) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (student_id, idempotency_key) DO NOTHING RETURNING seq`,
    );
  }

  async addResult(r: NewResult): Promise<StoredResult | 'duplicate'> {
    const row = this.insert.get(r.studentId, r.source, r.idempotencyKey, r.receivedAt, JSON.stringify(r.result)) as { seq: number } | undefined;
    return row ? { ...r, seq: row.seq } : 'duplicate';
  }

  async resultsAfter(after: number): Promise<StoredResult[]> {
    return (this.db.prepare('SELECT * FROM results WHERE seq > ? ORDER BY seq').all(after) as ResultRow[]).map(resultFromRow);
  }

  async resultBySeq(seq: number): Promise<StoredResult | undefined> {
    const row = this.db.prepare('SELECT * FROM results WHERE seq = ?').get(seq) as ResultRow | undefined;
    return row && resultFromRow(row);
  }

  async settingOrInit(key: string, value: string): Promise<string> {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value);
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string }).value;
  }

  async addToken(hash: string, studentId: string, createdAt: string): Promise<void> {
    this.db.prepare('INSERT INTO tokens (hash, student_id, created_at) VALUES (?, ?, ?)').run(hash, studentId, createdAt);
  }

  async token(hash: string): Promise<TokenRecord | undefined> {
    const row = this.db.prepare('SELECT student_id, revoked_at FROM tokens WHERE hash = ?').get(hash) as
      { student_id: string; revoked_at: string | null } | undefined;
    return row && { studentId: row.student_id, revoked: row.revoked_at !== null };
  }

  async revokeTokens(studentId: string, at: string): Promise<number> {
    return this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE student_id = ? AND revoked_at IS NULL').run(at, studentId).changes;
  }

  async watch(): Promise<void> {}

  async close(): Promise<void> {
    this.db.close();
  }
}
