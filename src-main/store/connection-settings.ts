// The settings every cache connection runs with, once it is keyed.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

export const BUSY_TIMEOUT_MS = 5000;

export function applyConnectionSettings(sqlite: BetterSqlite3.Database): void {
  // WAL: readers (the CLI, a second window) never block the writer.
  sqlite.pragma('journal_mode = WAL');
  // FULL: every acknowledged commit is fsynced to the WAL, so it survives a kill -9 or power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // REPLACE then fires delete triggers too: the search index and the audit guards stay whole.
  sqlite.pragma('recursive_triggers = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 32 MiB of decrypted pages: fewer pages spilled, encrypted and read back mid-transaction.
  sqlite.pragma('cache_size = -32768');
  sqlite.pragma('temp_store = MEMORY');
}
