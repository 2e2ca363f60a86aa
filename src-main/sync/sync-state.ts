// Where the change feed is up to, as the cache remembers it across restarts (the sync_state
// row, with the initial-sync progress columns of migration 0003-sync).
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Selectable } from 'kysely';
import type { SyncStateTable } from '../store/schema';

export interface SyncState {
  /** The highest feed seq applied; the next page is asked for `after=cursor`. */
  readonly cursor: number;
  readonly headSeq: number | null;
  readonly upToDate: boolean;
  /** Null while the first complete sync (from cursor 0) has not reached the head yet. */
  readonly initialCompletedAt: string | null;
  /** Records the feed announced for the initial sync. */
  readonly initialExpected: number | null;
  /** Change lines received so far in the initial sync. */
  readonly initialReceived: number | null;
  readonly lastSuccessAt: string | null;
}

type SyncStateRow = Pick<
  Selectable<SyncStateTable>,
  | 'cursor_seq'
  | 'head_seq'
  | 'up_to_date'
  | 'initial_sync_completed_at'
  | 'initial_expected'
  | 'initial_received'
  | 'last_success_at'
>;

const statements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement<[], SyncStateRow>>();

export function readSyncState(sqlite: BetterSqlite3.Database): SyncState {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare<[], SyncStateRow>(
      `select cursor_seq, head_seq, up_to_date, initial_sync_completed_at, initial_expected, initial_received,
         last_success_at
       from sync_state where id = 1`,
    );
    statements.set(sqlite, statement);
  }
  const row = statement.get();
  if (!row) throw new Error('The cache has no sync_state row: it was not made by Sallyport.');
  return {
    cursor: row.cursor_seq,
    headSeq: row.head_seq,
    upToDate: row.up_to_date === 1,
    initialCompletedAt: row.initial_sync_completed_at,
    initialExpected: row.initial_expected,
    initialReceived: row.initial_received,
    lastSuccessAt: row.last_success_at,
  };
}

/** Remembers the last failure and attempt (for `sallyport doctor` and the next start). */
export function recordSyncAttempt(sqlite: BetterSqlite3.Database, at: Date, error: string | null): void {
  sqlite
    .prepare('update sync_state set last_attempt_at = ?, last_error = ? where id = 1')
    .run(at.toISOString(), error);
}
