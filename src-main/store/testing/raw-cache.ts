// Opens a cache file the way someone holding the key but not using Sallyport would: plain
// better-sqlite3 with the cipher settings and the key, no triggers honoured, no checks. Tests use
// it to tamper with a cache exactly as a raw-file edit would.
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { applyKey, configureCipher } from '../cipher';

export function openRawCache(file: string, key: Buffer): BetterSqlite3.Database {
  const sqlite = new Sqlite(file, { fileMustExist: true });
  configureCipher(sqlite);
  applyKey(sqlite, key);
  return sqlite;
}
