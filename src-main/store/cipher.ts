// How the cache file is encrypted: SQLCipher 4 format (AES-256-CBC per page, HMAC-SHA512 per page)
// through SQLite3 Multiple Ciphers, keyed with a raw 256-bit key so no KDF runs at open.
// The settings are part of the file format: a file written with one page size cannot be read
// with another, so they change only together with a way to convert old files.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/**
 * Measured on the 500,000-visit insert (bench/store.bench.ts): with 4 KiB pages (SQLCipher's
 * default) the cipher work at commit is about a third more than with 16 KiB; 32 and 64 KiB gained
 * nothing further and write more bytes for every small commit. HMAC-SHA512 is the fastest HMAC
 * in this build (its SHA-256 is slower) and switching the HMAC off would give up page integrity.
 * AES itself runs in software: the package compiles SQLite3 Multiple Ciphers with
 * SQLITE3MC_OMIT_AES_HARDWARE_SUPPORT, so most of the remaining cost is AES without AES-NI.
 */
export const CIPHER_PAGE_SIZE = 16_384;

/** SQLCipher 4's HMAC algorithm numbering in SQLite3 Multiple Ciphers: 0 SHA1, 1 SHA256, 2 SHA512. */
const HMAC_SHA512 = 2;

export const KEY_BYTES = 32;

/** The cipher and its settings, as pragmas; they must run before the key is given. */
export const CIPHER_PRAGMAS: readonly string[] = [
  "cipher = 'sqlcipher'",
  'legacy = 4',
  `legacy_page_size = ${CIPHER_PAGE_SIZE}`,
  `hmac_algorithm = ${HMAC_SHA512}`,
  'hmac_use = 1',
];

export function configureCipher(sqlite: BetterSqlite3.Database): void {
  for (const pragma of CIPHER_PRAGMAS) sqlite.pragma(pragma);
}

/** `raw:` and the key bytes: the form sqlite3mc takes a raw key in (see applyKey). */
export function rawKeyBuffer(key: Buffer): Buffer {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new TypeError(`The cache key must be ${KEY_BYTES} bytes.`);
  }
  return Buffer.concat([Buffer.from('raw:', 'latin1'), key]);
}

/**
 * Gives the connection its raw key. `raw:` followed by the 32 key bytes is SQLite3 Multiple
 * Ciphers' binary form of SQLCipher's `PRAGMA key = "x'…'"`: the same raw key, no KDF, and the key
 * never becomes a JavaScript string (strings cannot be wiped; this buffer is).
 */
export function applyKey(sqlite: BetterSqlite3.Database, key: Buffer): void {
  const raw = rawKeyBuffer(key);
  try {
    sqlite.key(raw);
  } finally {
    raw.fill(0);
  }
}
