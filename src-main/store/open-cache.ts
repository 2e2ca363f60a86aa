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
   * decryption and re-encryption of a checkpoint never stall the main process. The worker stops
   * while the cache writes through the rollback journal (useJournal).
   */
  readonly checkpoints?: 'auto' | 'background';
  /** The app's migrations; tests pass their own to prove a failing one changes nothing. */
  readonly migrations?: Readonly<Record<string, Migration>>;
}

export type Journal = 'wal' | 'rollback';

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
  /**
   * The journal the cache writes through. 'wal', the everyday one: other processes (the CLI) read
   * while the app writes, and a checkpoint later copies each page from the WAL into the file,
   * decrypting and encrypting it again. 'rollback', for an initial sync's bulk load into empty
   * tables: each new page is encrypted once, straight into the file, and only pages that existed
   * before a commit go to the journal first. Every commit is as durable either way (synchronous
   * FULL), and a commit cut short is rolled back at the next open. Call it while no transaction
   * is open (withCache); answers the journal now in use, which stays 'wal' while another
   * connection holds the file. Another program that opens the cache meanwhile puts it back in
   * WAL (this connection then checkpoints it itself); 'wal' also brings the checkpointer back.
   */
  useJournal(journal: Journal): Promise<Journal>;
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
    let workerDown = false;
    const startBackground = (): Checkpointer => {
      // The main connection checkpoints only as a backstop, should the worker fall behind.
      sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      workerDown = false;
      return startCheckpointer({
        file,
        key,
        // Should the worker not run, SQLite checkpoints on this thread again, as by default.
        onUnavailable: () => {
          workerDown = true;
          if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
        },
      });
    };
    if (options.checkpoints === 'background') checkpointer = startBackground();
    const kysely = db;
    const journalMode = () => String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
    return {
      file,
      db: kysely,
      sqlite,
      clock,
      created,
      migrated,
      migrations: status,
      checkpoint: async () => {
        if (checkpointer && !workerDown) return checkpointer.checkpoint();
        const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
        // With the rollback journal there is no WAL: SQLite answers -1 for both.
        return { walFrames: Math.max(0, row?.log ?? 0), checkpointed: Math.max(0, row?.checkpointed ?? 0) };
      },
      useJournal: async (journal) => {
        if (journal === 'rollback') {
          if (journalMode() !== 'wal') return 'rollback';
          // Leaving WAL needs the file to itself: the checkpointer's connection closes first.
          await checkpointer?.stop();
          checkpointer = undefined;
          // Should another program put the file back in WAL meanwhile (its connection settings
          // do), this connection follows it and checkpoints as SQLite does by default.
          sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
          let switched = false;
          try {
            switched = switchJournal(sqlite, 'truncate');
          } finally {
            if (!switched && options.checkpoints === 'background') checkpointer = startBackground();
          }
          return switched ? 'rollback' : 'wal';
        }
        if (journalMode() !== 'wal' && !switchJournal(sqlite, 'wal')) return 'rollback';
        if (options.checkpoints === 'background' && !checkpointer) checkpointer = startBackground();
        return 'wal';
      },
      // The worker's connection closes first, so the main one is the last: SQLite then copies
      // what is left of the WAL into the file and removes it.
      close: async () => {
        await checkpointer?.stop();
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

/**
 * Sets the journal mode; false when SQLite keeps the one it had (another connection holds the
 * file, or one is in WAL mode).
 */
function switchJournal(sqlite: BetterSqlite3.Database, mode: 'truncate' | 'wal'): boolean {
  try {
    return String(sqlite.pragma(`journal_mode = ${mode}`, { simple: true })).toLowerCase() === mode;
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_BUSY' || sqliteCode(error) === 'SQLITE_LOCKED') return false;
    throw error;
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
