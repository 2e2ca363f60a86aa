// How the cache file is encrypted: SQLCipher 4 format (AES-256-CBC per page, HMAC-SHA512 per page)
// through SQLite3 Multiple Ciphers, keyed with a raw 256-bit key so no KDF runs at open.
// The settings are part of the file format: a file written with one page size cannot be read
// with another, so they change only together with a way to convert old files.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/**
 * Measured on the 500,000-visit insert (bench/store.bench.ts): 16 KiB pages halve the per-page
 * IV + HMAC work against SQLCipher's 4 KiB default while keeping AES-256 and the HMAC.
 */
export const CIPHER_PAGE_SIZE = 16_384;

/** SQLCipher 4's HMAC algorithm numbering in SQLite3 Multiple Ciphers: 0 SHA1, 1 SHA256, 2 SHA512. */
const HMAC_SHA512 = 2;

export const KEY_BYTES = 32;

/** Selects the cipher and its settings; must run before the key is given. */
export function configureCipher(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`legacy_page_size = ${CIPHER_PAGE_SIZE}`);
  sqlite.pragma(`hmac_algorithm = ${HMAC_SHA512}`);
  sqlite.pragma('hmac_use = 1');
}

/**
 * Gives the connection its raw key. `raw:` followed by the 32 key bytes is SQLite3 Multiple
 * Ciphers' binary form of SQLCipher's `PRAGMA key = "x'…'"`: the same raw key, no KDF, and the key
 * never becomes a JavaScript string (strings cannot be wiped; this buffer is).
 */
export function applyKey(sqlite: BetterSqlite3.Database, key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new TypeError(`The cache key must be ${KEY_BYTES} bytes.`);
  }
  const raw = Buffer.concat([Buffer.from('raw:', 'latin1'), key]);
  try {
    sqlite.key(raw);
  } finally {
    raw.fill(0);
  }
}
