// Opens the workstation's cache: one SQLite file encrypted as a whole, keyed with the raw key from
// the OS keychain, checked, set up (WAL, synchronous FULL, foreign keys) and migrated.
// Every failure is a CacheError with a sentence; none carries the key.
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely } from 'kysely';
import type { Migration } from 'kysely';
import { CacheError, REBUILD_ADVICE } from './cache-error';
import { CacheDialect } from './cache-dialect';
import { inspectCacheFile, looksEncrypted } from './cache-file';
import { applyKey, configureCipher } from './cipher';
import { startCheckpointer } from './checkpointer';
import type { Checkpointer, CheckpointResult } from './checkpointer';
import {
  applyConnectionSettings,
  BACKSTOP_CHECKPOINT_PAGES,
  DEFAULT_CHECKPOINT_PAGES,
} from './connection-settings';
import { migrateToLatest, readMigrationStatus, refuseNewerCache } from './migrate';
import type { MigrationStatus } from './migrate';
import { migrations as appMigrations } from './migrations/index';
import type { Database } from './schema';

export interface OpenCacheOptions {
  readonly file: string;
  /** 32 bytes from the keychain. */
  readonly key: Buffer;
  readonly clock?: () => Date;
  /** false: open and report the migration state without changing the file (`sallyport doctor`). */
  readonly migrate?: boolean;
  /** Refuse to create the file when it does not exist. */
  readonly mustExist?: boolean;
  /**
   * 'auto' (default): SQLite checkpoints the WAL on the main thread every 1,000 pages.
   * 'background': a worker thread does it (checkpointer.ts); the app's choice, so that the
   * decryption and re-encryption of a checkpoint never stall the main process.
   */
  readonly checkpoints?: 'auto' | 'background';
  /** The app's migrations; tests pass their own to prove a failing one changes nothing. */
  readonly migrations?: Readonly<Record<string, Migration>>;
}

export interface Cache {
  readonly file: string;
  /** Typed queries. */
  readonly db: Kysely<Database>;
  /**
   * The same connection, for hot paths (bulk inserts, search) that want prepared statements.
   * Use it only in synchronous runs (no await between statements): Kysely shares the connection,
   * and a raw write made while another task's Kysely transaction is open would join it.
   */
  readonly sqlite: BetterSqlite3.Database;
  readonly clock: () => Date;
  /** True when this open made a new, empty cache. */
  readonly created: boolean;
  /** Migrations applied by this open. */
  readonly migrated: readonly string[];
  /** The state after this open: nothing pending unless `migrate: false`. */
  readonly migrations: MigrationStatus;
  /** Copies the WAL into the database file now (after a bulk write); PASSIVE, never blocking. */
  checkpoint(): Promise<CheckpointResult>;
  close(): Promise<void>;
}

export async function openCache(options: OpenCacheOptions): Promise<Cache> {
  const { file, key } = options;
  const list = options.migrations ?? appMigrations;
  const clock = options.clock ?? (() => new Date());
  const state = inspectCacheFile(file);
  if (state.kind === 'damaged') throw damaged(file, state.why);
  if (state.kind === 'missing' && options.mustExist) {
    throw new CacheError(
      'CACHE_MISSING',
      file,
      `There is no cache at ${file}: Sallyport makes it at first start.`,
    );
  }
  const created = state.kind !== 'present';

  const sqlite = openFile(file, created);
  let db: Kysely<Database> | undefined;
  let checkpointer: Checkpointer | undefined;
  let mainThreadCheckpoint = () => true;
  try {
    configureCipher(sqlite);
    applyKey(sqlite, key);
    verifyKey(sqlite, file);
    applyConnectionSettings(sqlite);
    db = new Kysely<Database>({ dialect: new CacheDialect({ database: sqlite }) });
    let status = readMigrationStatus(sqlite, list);
    refuseNewerCache(file, status);
    let migrated: string[] = [];
    if (options.migrate !== false && status.pending.length > 0) {
      migrated = await migrateToLatest(db, file, list);
      status = readMigrationStatus(sqlite, list);
    }
    if (options.checkpoints === 'background') {
      // The main connection checkpoints only as a backstop, should the worker fall behind.
      sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      let workerDown = false;
      checkpointer = startCheckpointer({
        file,
        key,
        // Should the worker not run, SQLite checkpoints on this thread again, as by default.
        onUnavailable: () => {
          workerDown = true;
          if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
        },
      });
      mainThreadCheckpoint = () => workerDown;
    }
    const kysely = db;
    const background = checkpointer;
    return {
      file,
      db: kysely,
      sqlite,
      clock,
      created,
      migrated,
      migrations: status,
      checkpoint: async () => {
        if (background && !mainThreadCheckpoint()) return background.checkpoint();
        const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
        return { walFrames: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
      },
      // The worker's connection closes first, so the main one is the last: SQLite then copies
      // what is left of the WAL into the file and removes it.
      close: async () => {
        await background?.stop();
        await kysely.destroy();
      },
    };
  } catch (error) {
    await checkpointer?.stop();
    if (db) await db.destroy();
    else sqlite.close();
    throw toCacheError(error, file);
  }
}

function openFile(file: string, creating: boolean): BetterSqlite3.Database {
  try {
    if (creating) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const sqlite = new Sqlite(file);
    // Only this user reads the cache; SQLite gives the -wal and -shm files the same mode.
    if (creating && process.platform !== 'win32') chmodSync(file, 0o600);
    return sqlite;
  } catch (error) {
    throw toCacheError(error, file);
  }
}

/** The first read after keying decrypts page 1: it fails at once on a wrong key. */
function verifyKey(sqlite: BetterSqlite3.Database, file: string): void {
  try {
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_NOTADB') {
      if (looksEncrypted(file)) {
        throw new CacheError(
          'CACHE_WRONG_KEY',
          file,
          `The cache ${file} is encrypted with a different key than the one in this user's keychain ` +
            `(the keychain entry was replaced, or the file belongs to another user or workstation), or its ` +
            `first page is damaged. ${REBUILD_ADVICE}`,
        );
      }
      throw damaged(file, 'is not a Sallyport cache (its bytes are not a database)');
    }
    throw error;
  }
}

function damaged(file: string, why: string): CacheError {
  return new CacheError('CACHE_DAMAGED', file, `The cache ${file} ${why}. ${REBUILD_ADVICE}`);
}

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Sqlite.SqliteError ? error.code : undefined;
}

/**
 * Turns what SQLite or the file system threw into a CacheError. Services call it on a query
 * failure too: corruption deep in the file shows only when that page is read.
 */
export function toCacheError(error: unknown, file: string): CacheError | Error {
  if (error instanceof CacheError) return error;
  const code = sqliteCode(error) ?? (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') {
    return new CacheError(
      'CACHE_DAMAGED',
      file,
      `The cache ${file} is damaged (SQLite reports ${code}). ${REBUILD_ADVICE}`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_FULL') {
    return new CacheError('CACHE_UNAVAILABLE', file, `The disk holding ${file} is full: free some space.`, {
      cause: error,
    });
  }
  if (
    code !== undefined &&
    /^(SQLITE_(CANTOPEN|IOERR|PERM|READONLY|BUSY|LOCKED|AUTH)|EACCES|EPERM|EROFS|ENOSPC|EISDIR|ENOTDIR)/.test(
      code,
    )
  ) {
    return new CacheError(
      'CACHE_UNAVAILABLE',
      file,
      `The cache ${file} cannot be opened (${code}): check that the folder exists, that this user may ` +
        'read and write it, that the disk has room, and that no other program holds the file.',
      { cause: error },
    );
  }
  if (error instanceof TypeError && /directory does not exist/.test(error.message)) {
    return new CacheError('CACHE_UNAVAILABLE', file, `The folder of ${file} does not exist.`, {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
