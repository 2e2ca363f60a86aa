// Why the cache could not be opened, as a stable code and a sentence the person at the desk (or IT)
// can act on. No message ever carries the key or a record.

export type CacheErrorCode =
  /** The file is an encrypted cache, but not one the key in the keychain opens. */
  | 'CACHE_WRONG_KEY'
  /** The file exists but the keychain holds no cache key for it. */
  | 'CACHE_KEY_MISSING'
  /** Not a database, a plain (unencrypted) database, truncated or corrupted. */
  | 'CACHE_DAMAGED'
  /** Made by a newer Sallyport: it has migrations this version does not know. */
  | 'CACHE_TOO_NEW'
  /** A migration failed; the cache was left as it was. */
  | 'CACHE_MIGRATION_FAILED'
  /** The file does not exist and the caller asked to open only an existing one. */
  | 'CACHE_MISSING'
  /** The file or its folder cannot be read or written (permissions, disk, lock). */
  | 'CACHE_UNAVAILABLE';

export class CacheError extends Error {
  readonly code: CacheErrorCode;
  readonly file: string;
  constructor(code: CacheErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheError';
    this.code = code;
    this.file = file;
  }
}

/** What the app tells the person when it offers to set a cache aside and rebuild it. */
export const REBUILD_ADVICE =
  'Sallyport can set this file aside (it is renamed, never deleted) and rebuild the cache from the records service.';
