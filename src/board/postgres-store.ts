import createDebug from 'debug';
import pg from 'pg';
import type { BoardStore, NewResult, SavedProgress, StoredResult, StoreSize, TokenRecord } from './board-store';
import { boardTables, progressFromRow, resultFromRow, tokenFromRow, type ProgressRow, type ResultRow, type TokenRow } from './board-tables';

const debug = createDebug('grade:board');
const CHANNEL = 'grade_board_results';

/**
 * For a course that runs several board instances behind one address: they
 * share the tables, and each learns of the others' results by LISTEN/NOTIFY
 * (sent on commit, so a notified result is always readable).
 */
export class PostgresBoardStore implements BoardStore {
  private readonly pool: pg.Pool;
  private listener: pg.Client | undefined;

  private constructor(private readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 8 });
    this.pool.on('error', (e) => debug('idle PostgreSQL connection: %s', e.message));
  }

  static async open(url: string): Promise<PostgresBoardStore> {
    const store = new PostgresBoardStore(url);
    try {
      // Several instances may start at once: one creates the tables, the others wait for its lock.
      const client = await store.pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(7015)');
        for (const sql of boardTables('BIGSERIAL PRIMARY KEY')) await client.query(sql);
        // A store of an earlier version: keys were unique per student, not per source, and no sender was kept.
        await client.query(
          `ALTER TABLE results ADD COLUMN IF NOT EXISTS sender TEXT NOT NULL DEFAULT '', ADD COLUMN IF NOT EXISTS address TEXT NOT NULL DEFAULT ''`,
        );
        await client.query('ALTER TABLE results DROP CONSTRAINT IF EXISTS results_student_id_idempotency_key_key');
        await client.query('CREATE UNIQUE INDEX IF NOT EXISTS results_key_per_source ON results (student_id, source, idempotency_key)');
        await client.query('SELECT pg_advisory_unlock(7015)');
      } finally {
        client.release();
      }
    } catch (e) {
      await store.pool.end();
      throw e;
    }
    return store;
  }

  async addResult(r: NewResult): Promise<StoredResult | 'duplicate'> {
    const { rows } = await this.pool.query<{ seq: string }>(
      `WITH ins AS (
         INSERT INTO results (student_id, source, idempotency_key, received_at, result, sender, address) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (student_id, source, idempotency_key) DO NOTHING RETURNING seq)
       SELECT seq, pg_notify('${CHANNEL}', seq::text) FROM ins`,
      [r.studentId, r.source, r.idempotencyKey, r.receivedAt, JSON.stringify(r.result), r.sender, r.address],
    );
    return rows[0] ? { ...r, seq: Number(rows[0].seq) } : 'duplicate';
  }

  async resultsAfter(after: number, limit?: number): Promise<StoredResult[]> {
    return (await this.pool.query<ResultRow>('SELECT * FROM results WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit ?? null])).rows.map(resultFromRow);
  }

  async studentResultsAfter(studentId: string, after: number, limit: number): Promise<StoredResult[]> {
    return (
      await this.pool.query<ResultRow>('SELECT * FROM results WHERE student_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [studentId, after, limit])
    ).rows.map(resultFromRow);
  }

  async resultBySeq(seq: number): Promise<StoredResult | undefined> {
    const row = (await this.pool.query<ResultRow>('SELECT * FROM results WHERE seq = $1', [seq])).rows[0];
    return row && resultFromRow(row);
  }

  async settingOrInit(key: string, value: string): Promise<string> {
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
    return (await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0]!.value;
  }

  async setting(key: string): Promise<string | undefined> {
    return (await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async dropSelfReported(studentId: string): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM progress WHERE student_id = $1', [studentId]);
      const { rowCount } = await client.query("DELETE FROM results WHERE student_id = $1 AND source = 'self'", [studentId]);
      await client.query('COMMIT');
      return rowCount ?? 0;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async addToken(hash: string, studentId: string, createdAt: string): Promise<void> {
    await this.pool.query(
      `WITH old AS (UPDATE tokens SET revoked_at = $3 WHERE student_id = $2 AND revoked_at IS NULL)
       INSERT INTO tokens (hash, student_id, created_at) VALUES ($1, $2, $3)`,
      [hash, studentId, createdAt],
    );
  }

  async token(hash: string): Promise<TokenRecord | undefined> {
    const row = (await this.pool.query<TokenRow>('SELECT student_id, revoked_at FROM tokens WHERE hash = $1', [hash])).rows[0];
    return row && tokenFromRow(row);
  }

  async revokeTokens(studentId: string, at: string): Promise<number> {
    return (await this.pool.query('UPDATE tokens SET revoked_at = $1 WHERE student_id = $2 AND revoked_at IS NULL', [at, studentId])).rowCount ?? 0;
  }

  async saveProgress(saved: SavedProgress[]): Promise<void> {
    if (!saved.length) return;
    await this.pool.query(
      `INSERT INTO progress (student_id, up_to, state) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
       ON CONFLICT (student_id) DO UPDATE SET up_to = excluded.up_to, state = excluded.state WHERE excluded.up_to >= progress.up_to`,
      [saved.map((p) => p.studentId), saved.map((p) => p.upTo), saved.map((p) => p.state)],
    );
  }

  async progress(): Promise<SavedProgress[]> {
    return (await this.pool.query<ProgressRow>('SELECT student_id, up_to, state FROM progress')).rows.map(progressFromRow);
  }

  async prune(before: string): Promise<number> {
    return (await this.pool.query('DELETE FROM results WHERE received_at < $1', [before])).rowCount ?? 0;
  }

  async size(): Promise<StoreSize> {
    const { rows } = await this.pool.query<{ n: string; bytes: string }>(
      "SELECT (SELECT count(*) FROM results) AS n, pg_total_relation_size('results') + pg_total_relation_size('progress') AS bytes",
    );
    return { results: Number(rows[0]!.n), bytes: Number(rows[0]!.bytes) };
  }

  async watch(onResult: (seq: number) => void): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.url });
    this.listener.on('error', (e) => debug('PostgreSQL listener: %s', e.message));
    this.listener.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload) onResult(Number(n.payload));
    });
    await this.listener.connect();
    await this.listener.query(`LISTEN ${CHANNEL}`);
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
