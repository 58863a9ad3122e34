import { phrase } from '../messages/phrase';
import { closeSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { SetupError } from '../errors/setup-error';
import { makeFolder } from '../files/make-folder';
import type { BoardStore, NewResult, SavedProgress, StoredResult, StoreSize, TokenRecord } from './board-store';
import { boardTables, progressFromRow, resultFromRow, tokenFromRow, type ProgressRow, type ResultRow, type TokenRow } from './board-tables';

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
    // Created owner-only: the file holds the join code and every result (SQLite gives its -wal and -shm files the same mode).
    closeSync(openSync(file, 'a', 0o600));
    this.db = new Sqlite(file);
    this.db.pragma('journal_mode = WAL');
    // A second process (grade board revoke) may hold the write lock for a moment.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
    for (const sql of boardTables('INTEGER PRIMARY KEY AUTOINCREMENT')) this.db.exec(sql);
    this.insert = this.db.prepare(
      `INSERT INTO results (student_id, source, idempotency_key, received_at, result, sender, address) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (student_id, source, idempotency_key) DO NOTHING RETURNING seq`,
    );
  }

  /** A store of an earlier version (keys unique per student, not per source; no sender): rebuilt once, keeping every row. */
  private migrate(): void {
    const table = this.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'results'").get() as { sql: string } | undefined;
    if (!table || table.sql.includes('sender')) return;
    this.db.transaction(() => {
      this.db.exec('ALTER TABLE results RENAME TO results_before_sender');
      this.db.exec(boardTables('INTEGER PRIMARY KEY AUTOINCREMENT')[0]!);
      this.db.exec(
        'INSERT INTO results (seq, student_id, source, idempotency_key, received_at, result) SELECT seq, student_id, source, idempotency_key, received_at, result FROM results_before_sender',
      );
      this.db.exec('DROP TABLE results_before_sender');
    })();
  }

  async addResult(r: NewResult): Promise<StoredResult | 'duplicate'> {
    const row = this.insert.get(r.studentId, r.source, r.idempotencyKey, r.receivedAt, JSON.stringify(r.result), r.sender, r.address) as
      { seq: number } | undefined;
    return row ? { ...r, seq: row.seq } : 'duplicate';
  }

  async resultsAfter(after: number, limit = -1): Promise<StoredResult[]> {
    return (this.db.prepare('SELECT * FROM results WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit) as ResultRow[]).map(resultFromRow);
  }

  async studentResultsAfter(studentId: string, after: number, limit: number): Promise<StoredResult[]> {
    return (this.db.prepare('SELECT * FROM results WHERE student_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(studentId, after, limit) as ResultRow[]).map(
      resultFromRow,
    );
  }

  async resultBySeq(seq: number): Promise<StoredResult | undefined> {
    const row = this.db.prepare('SELECT * FROM results WHERE seq = ?').get(seq) as ResultRow | undefined;
    return row && resultFromRow(row);
  }

  async settingOrInit(key: string, value: string): Promise<string> {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value);
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string }).value;
  }

  async setting(key: string): Promise<string | undefined> {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async dropSelfReported(studentId: string): Promise<number> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM progress WHERE student_id = ?').run(studentId);
      return this.db.prepare("DELETE FROM results WHERE student_id = ? AND source = 'self'").run(studentId).changes;
    })();
  }

  async addToken(hash: string, studentId: string, createdAt: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE student_id = ? AND revoked_at IS NULL').run(createdAt, studentId);
      this.db.prepare('INSERT INTO tokens (hash, student_id, created_at) VALUES (?, ?, ?)').run(hash, studentId, createdAt);
    })();
  }

  async token(hash: string): Promise<TokenRecord | undefined> {
    const row = this.db.prepare('SELECT student_id, revoked_at FROM tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
    return row && tokenFromRow(row);
  }

  async revokeTokens(studentId: string, at: string): Promise<number> {
    return this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE student_id = ? AND revoked_at IS NULL').run(at, studentId).changes;
  }

  async saveProgress(saved: SavedProgress[]): Promise<void> {
    const upsert = this.db.prepare(
      `INSERT INTO progress (student_id, up_to, state) VALUES (?, ?, ?)
       ON CONFLICT (student_id) DO UPDATE SET up_to = excluded.up_to, state = excluded.state WHERE excluded.up_to >= progress.up_to`,
    );
    this.db.transaction(() => saved.forEach((p) => upsert.run(p.studentId, p.upTo, p.state)))();
  }

  async progress(): Promise<SavedProgress[]> {
    return (this.db.prepare('SELECT student_id, up_to, state FROM progress').all() as ProgressRow[]).map(progressFromRow);
  }

  async prune(before: string): Promise<number> {
    const removed = this.db.prepare('DELETE FROM results WHERE received_at < ?').run(before).changes;
    // The file keeps its size until it is rewritten; the WAL until a checkpoint.
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return removed;
  }

  async size(): Promise<StoreSize> {
    const bytes = ['', '-wal'].reduce((n, suffix) => {
      try {
        return n + statSync(`${this.file}${suffix}`).size;
      } catch {
        return n;
      }
    }, 0);
    return { results: (this.db.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n, bytes };
  }

  async watch(): Promise<void> {}

  async close(): Promise<void> {
    this.db.close();
  }
}
