import type { GradeResult } from '../result/types';
import type { ResultSource, SavedProgress, StoredResult, TokenRecord } from './board-store';

/*
 * What the two SQL stores share below the BoardStore interface: the tables, and
 * how a row of each becomes the record the interface speaks of. The drivers
 * differ only in how they send a query and what a number comes back as.
 */

/** The same tables in both databases; only the key column's type differs. */
export function boardTables(seqColumn: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS results (
       seq ${seqColumn},
       student_id TEXT NOT NULL,
       source TEXT NOT NULL,
       idempotency_key TEXT NOT NULL,
       received_at TEXT NOT NULL,
       result TEXT NOT NULL,
       sender TEXT NOT NULL DEFAULT '',
       address TEXT NOT NULL DEFAULT '',
       UNIQUE (student_id, source, idempotency_key))`,
    `CREATE INDEX IF NOT EXISTS results_by_student ON results (student_id, seq)`,
    `CREATE INDEX IF NOT EXISTS results_by_time ON results (received_at)`,
    `CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, student_id TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)`,
    `CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS progress (student_id TEXT PRIMARY KEY, up_to BIGINT NOT NULL, state TEXT NOT NULL)`,
  ];
}

export interface ResultRow {
  seq: number | string;
  student_id: string;
  source: string;
  idempotency_key: string;
  received_at: string;
  result: string;
  sender: string;
  address: string;
}

export function resultFromRow(row: ResultRow): StoredResult {
  return {
    seq: Number(row.seq),
    studentId: row.student_id,
    source: row.source as ResultSource,
    idempotencyKey: row.idempotency_key,
    sender: row.sender,
    address: row.address,
    receivedAt: row.received_at,
    result: JSON.parse(row.result) as GradeResult,
  };
}

/** A tokens row as both databases return it (revoked_at stays NULL while the token is live). */
export interface TokenRow {
  student_id: string;
  revoked_at: string | null;
}

export function tokenFromRow(row: TokenRow): TokenRecord {
  return { studentId: row.student_id, revoked: row.revoked_at !== null };
}

/** A progress row; PostgreSQL returns a BIGINT as a string, SQLite as a number. */
export interface ProgressRow {
  student_id: string;
  up_to: number | string;
  state: string;
}

export function progressFromRow(row: ProgressRow): SavedProgress {
  return { studentId: row.student_id, upTo: Number(row.up_to), state: row.state };
}
