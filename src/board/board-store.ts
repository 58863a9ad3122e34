import type { GradeResult } from '../result/types';

/** Where a result came from: an SSH round of the instructor (verified) or the student's own run (self-reported). */
export type ResultSource = 'batch' | 'self';

export interface NewResult {
  studentId: string;
  source: ResultSource;
  /** Who sent it: `instructor` (the secret) or `token:<first 12 hex of the token's hash>`. */
  sender: string;
  /** The client's address (the forwarded one behind a trusted proxy). */
  address: string;
  /** Chosen by the sender; a push retried with the same key is stored once. */
  idempotencyKey: string;
  /** ISO time on the board's clock. */
  receivedAt: string;
  result: GradeResult;
}

export interface StoredResult extends NewResult {
  /** Order of arrival, assigned by the store. */
  seq: number;
}

export interface TokenRecord {
  studentId: string;
  revoked: boolean;
}

/** A student's saved progress (BoardState's, as JSON) and the highest seq it folds in. */
export interface SavedProgress {
  studentId: string;
  upTo: number;
  state: string;
}

export interface StoreSize {
  results: number;
  bytes: number;
}

/**
 * Everything the board keeps, behind one small interface: SQLite for one
 * board, PostgreSQL for several instances behind one address. Every result is
 * kept (a student's history, until pruned) beside what the page shows per
 * student (read at start instead of the history); tokens are stored as hashes only.
 */
export interface BoardStore {
  /** The stored result, or 'duplicate' when this source already sent this key for this student (nothing stored): keys are scoped by source. */
  addResult(r: NewResult): Promise<StoredResult | 'duplicate'>;
  /** Results with seq > after, in seq order, at most `limit` of them. */
  resultsAfter(after: number, limit?: number): Promise<StoredResult[]>;
  /** One student's results with seq > after, in seq order, at most `limit`. */
  studentResultsAfter(studentId: string, after: number, limit: number): Promise<StoredResult[]>;
  resultBySeq(seq: number): Promise<StoredResult | undefined>;
  /** The stored value, or `value` stored now when there was none (first start, or the first of several instances). */
  settingOrInit(key: string, value: string): Promise<string>;
  setting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /** Stores a student's new token and revokes the ones they had: one token per student at a time. */
  addToken(hash: string, studentId: string, createdAt: string): Promise<void>;
  token(hash: string): Promise<TokenRecord | undefined>;
  /** Revokes every token of a student; returns how many were live. */
  revokeTokens(studentId: string, at: string): Promise<number>;
  /** Removes what a student's tokens sent (self-reported results) and their saved progress (rebuilt from what is left); returns how many results. */
  dropSelfReported(studentId: string): Promise<number>;
  /** Saves students' progress; a save never goes back to a lower `upTo` (another instance may have saved a later one). */
  saveProgress(saved: SavedProgress[]): Promise<void>;
  progress(): Promise<SavedProgress[]>;
  /** Removes results received before `before` (ISO); the saved progress, what the page shows, stays. Returns how many. */
  prune(before: string): Promise<number>;
  size(): Promise<StoreSize>;
  /** Called with the seq of results other board instances stored (PostgreSQL only; one SQLite file has one board). */
  watch(onResult: (seq: number) => void): Promise<void>;
  close(): Promise<void>;
}
