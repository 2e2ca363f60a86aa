// The settings every cache connection runs with, once it is keyed.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

export const BUSY_TIMEOUT_MS = 5000;
export const CACHE_SIZE_KIB = 256 * 1024;
/**
 * The page cache while an initial sync bulk-loads tables without their secondary indexes: rows
 * are appended, so few pages are written twice and a small cache costs no extra encryption, and
 * it keeps the workstation within its memory goal (bench sync.initial_peak_rss_mb).
 */
export const BULK_LOAD_CACHE_SIZE_KIB = 64 * 1024;
/** SQLite's own default: the writer checkpoints once the WAL passes 1,000 pages. */
export const DEFAULT_CHECKPOINT_PAGES = 1000;
/** With checkpoints on a worker, the main connection checkpoints only past 256 MiB of WAL. */
export const BACKSTOP_CHECKPOINT_PAGES = 16_384;

export function applyConnectionSettings(sqlite: BetterSqlite3.Database): void {
  // WAL: readers (the CLI, a second window) never block the writer. An initial sync writes
  // through the rollback journal instead (open-cache.ts useJournal) until it completes.
  sqlite.pragma('journal_mode = WAL');
  // FULL: every acknowledged commit is fsynced to the WAL, so it survives a kill -9 or power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // REPLACE then fires delete triggers too: the search index and the audit guards stay whole.
  sqlite.pragma('recursive_triggers = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Up to 256 MiB of decrypted pages (memory is taken only as pages are used). With AES in
  // software, every page that leaves the cache costs an encryption and every page read back a
  // decryption and an HMAC check; a cache that holds a large facility's working set makes that
  // once per write instead of many times (bench/store.bench.ts: 500,000 visits in one transaction
  // cost 4.5x plain with 32 MiB, about 1.2x with a cache that holds them).
  sqlite.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
  sqlite.pragma('temp_store = MEMORY');
}

/** For an initial sync's bulk load: the smaller page cache above. */
export function useBulkLoadCache(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma(`cache_size = -${BULK_LOAD_CACHE_SIZE_KIB}`);
}

/** True while the connection runs with the bulk-load page cache. */
export function isBulkLoadCache(sqlite: BetterSqlite3.Database): boolean {
  return sqlite.pragma('cache_size', { simple: true }) === -BULK_LOAD_CACHE_SIZE_KIB;
}

/** Back to the everyday page cache, giving back the memory of cached pages after bulk work. */
export function releaseCacheMemory(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
  sqlite.pragma('shrink_memory');
}
