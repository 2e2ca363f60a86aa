import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheError } from './cache-error';
import { CIPHER_PAGE_SIZE } from './cipher';
import { prepareUpsert } from './entity-rows';
import { migrations } from './migrations/index';
import { openCache, toCacheError } from './open-cache';
import { aHousingUnit, anInmate } from './testing/sample-records';
import { openRawCache } from './testing/raw-cache';
import { makeTempDir } from './testing/temp-dir';
import type { TempDir } from './testing/temp-dir';

const KNOWN_NAMES = ['Zebediah', 'Quartermaine', 'Philippa', 'Oyelaran-Whitcombe'];
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

async function cacheWithKnownNames(file: string, key: Buffer) {
  const cache = await openCache({ file, key });
  const upsertUnit = prepareUpsert(cache.sqlite, 'housingUnit');
  const upsertInmate = prepareUpsert(cache.sqlite, 'inmate');
  cache.sqlite.transaction(() => {
    upsertUnit(aHousingUnit(), 1);
    upsertInmate(anInmate({ id: 'inm-known-1', firstName: 'Zebediah', lastName: 'Quartermaine' }), 1);
    upsertInmate(anInmate({ id: 'inm-known-2', firstName: 'Philippa', lastName: 'Oyelaran-Whitcombe' }), 1);
  })();
  return cache;
}

function expectUnreadable(bytes: Buffer) {
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes.includes(SQLITE_HEADER)).toBe(false);
  for (const name of KNOWN_NAMES) {
    expect(bytes.includes(Buffer.from(name, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(name.toLowerCase(), 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(name, 'utf16le'))).toBe(false);
  }
}

function expectCacheError(error: unknown, code: string) {
  expect(error).toBeInstanceOf(CacheError);
  expect((error as CacheError).code).toBe(code);
  return error as CacheError;
}

describe('openCache', () => {
  it('makes a new cache, private to this user, with every migration applied', async () => {
    const file = dir.file('nested/folder/cache.sqlite');
    const cache = await openCache({ file, key: randomBytes(32) });
    expect(cache.created).toBe(true);
    expect(cache.migrated).toEqual(Object.keys(migrations).sort());
    expect(cache.migrations.pending).toEqual([]);
    await cache.close();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps names and the SQLite header unreadable in the file and in its WAL, and reads them back with the key', async () => {
    // The same check on a plain database finds the names: the check itself can see them.
    const plain = new Sqlite(dir.file('plain.sqlite'));
    plain.exec(`create table t (name text); insert into t values ('Zebediah Quartermaine')`);
    plain.close();
    const plainBytes = readFileSync(dir.file('plain.sqlite'));
    expect(plainBytes.includes(SQLITE_HEADER)).toBe(true);
    expect(plainBytes.includes(Buffer.from('Zebediah'))).toBe(true);

    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await cacheWithKnownNames(file, key);
    // While open, the newest pages live in the WAL: check it too.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expectUnreadable(readFileSync(`${file}-wal`));
    expectUnreadable(readFileSync(file));
    await cache.close();
    expect(existsSync(`${file}-wal`)).toBe(false); // checkpointed into the file at close
    expectUnreadable(readFileSync(file));

    const reopened = await openCache({ file, key });
    expect(reopened.created).toBe(false);
    expect(reopened.migrated).toEqual([]);
    const names = await reopened.db
      .selectFrom('inmate')
      .select(['first_name', 'last_name'])
      .orderBy('id')
      .execute();
    expect(names).toEqual([
      { first_name: 'Zebediah', last_name: 'Quartermaine' },
      { first_name: 'Philippa', last_name: 'Oyelaran-Whitcombe' },
    ]);
    await reopened.close();
  });

  it("is SQLCipher 4's raw-key format: PRAGMA key = \"x'…'\" opens it", async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    await (await cacheWithKnownNames(file, key)).close();
    const sqlite = new Sqlite(file, { fileMustExist: true });
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma('legacy = 4');
    sqlite.pragma(`legacy_page_size = ${CIPHER_PAGE_SIZE}`);
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    expect(sqlite.prepare('select count(*) as n from inmate').get()).toEqual({ n: 2 });
    sqlite.close();
  });

  it('runs with WAL, synchronous FULL, foreign keys, a busy timeout and AES-256 SQLCipher pages', async () => {
    const cache = await openCache({ file: dir.file('cache.sqlite'), key: randomBytes(32) });
    const pragma = (name: string) => cache.sqlite.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('cipher')).toBe('sqlcipher');
    expect(pragma('page_size')).toBe(CIPHER_PAGE_SIZE);
    await cache.close();
  });

  it('refuses the wrong key with a sentence that names the file and never the key', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    await (await cacheWithKnownNames(file, key)).close();
    const wrong = randomBytes(32);
    const error = expectCacheError(
      await openCache({ file, key: wrong }).catch((e: unknown) => e),
      'CACHE_WRONG_KEY',
    );
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/different key/);
    for (const secret of [key, wrong]) {
      expect(error.message).not.toContain(secret.toString('hex'));
      expect(error.message).not.toContain(secret.toString('base64'));
    }
    // Still opens with the right key: nothing was changed by the failed attempt.
    await (await openCache({ file, key })).close();
  });

  it('calls a file that is not a database damaged', async () => {
    const file = dir.file('cache.sqlite');
    writeFileSync(file, 'These are the minutes of the visiting committee.\n'.repeat(1000));
    const error = expectCacheError(
      await openCache({ file, key: randomBytes(32) }).catch((e: unknown) => e),
      'CACHE_DAMAGED',
    );
    expect(error.message).toMatch(/set this file aside/);
  });

  it('calls a file of whole pages of zeros damaged, not a wrong key', async () => {
    const file = dir.file('cache.sqlite');
    writeFileSync(file, Buffer.alloc(CIPHER_PAGE_SIZE * 2));
    expectCacheError(
      await openCache({ file, key: randomBytes(32) }).catch((e: unknown) => e),
      'CACHE_DAMAGED',
    );
  });

  it('calls a plain, unencrypted SQLite database damaged', async () => {
    const file = dir.file('cache.sqlite');
    const plain = new Sqlite(file);
    plain.exec('create table t (x)');
    plain.close();
    const error = expectCacheError(
      await openCache({ file, key: randomBytes(32) }).catch((e: unknown) => e),
      'CACHE_DAMAGED',
    );
    expect(error.message).toMatch(/unencrypted/);
  });

  it('calls a truncated cache damaged, cut mid-page or on a page boundary', async () => {
    const key = randomBytes(32);
    for (const cut of [(size: number) => Math.floor(size / 2) + 123, () => CIPHER_PAGE_SIZE * 2]) {
      const file = dir.file(`cache-${cut.length}.sqlite`);
      const cache = await cacheWithKnownNames(file, key);
      // Enough rows that the file has many pages.
      const insert = cache.sqlite.prepare(
        "insert into quarantine (received_at, line, reason) values ('t', ?, 'x')",
      );
      cache.sqlite.transaction(() => {
        for (let i = 0; i < 3000; i += 1) insert.run(randomBytes(60).toString('hex'));
      })();
      await cache.close();
      truncateSync(file, cut(statSync(file).size));
      expectCacheError(await openCache({ file, key }).catch((e: unknown) => e), 'CACHE_DAMAGED');
    }
  });

  it('reports corruption deep in the file as damaged when the page is read', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await cacheWithKnownNames(file, key);
    const insert = cache.sqlite.prepare(
      "insert into quarantine (received_at, line, reason) values ('t', ?, 'x')",
    );
    cache.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i += 1) insert.run(randomBytes(60).toString('hex'));
    })();
    await cache.close();
    const bytes = readFileSync(file);
    const lastPage = bytes.length - CIPHER_PAGE_SIZE;
    bytes[lastPage + 200] = (bytes[lastPage + 200] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);

    const reopened = await openCache({ file, key });
    const error = await reopened.db
      .selectFrom('quarantine')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('line', 'like', '%zz%')
      .execute()
      .catch((e: unknown) => e);
    expectCacheError(toCacheError(error, file), 'CACHE_DAMAGED');
    await reopened.close();
  });

  it('treats an empty file as a new cache', async () => {
    const file = dir.file('cache.sqlite');
    writeFileSync(file, '');
    const cache = await openCache({ file, key: randomBytes(32) });
    expect(cache.created).toBe(true);
    await cache.close();
  });

  it('refuses a cache made by a newer Sallyport', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    await (await openCache({ file, key })).close();
    const raw = openRawCache(file, key);
    raw.prepare("insert into kysely_migration (name, timestamp) values ('0099-from-the-future', 'x')").run();
    raw.close();
    const error = expectCacheError(await openCache({ file, key }).catch((e: unknown) => e), 'CACHE_TOO_NEW');
    expect(error.message).toMatch(/newer version of Sallyport/);
  });

  it('with mustExist, refuses to create a missing cache', async () => {
    const file = dir.file('cache.sqlite');
    expectCacheError(
      await openCache({ file, key: randomBytes(32), mustExist: true }).catch((e: unknown) => e),
      'CACHE_MISSING',
    );
    expect(existsSync(file)).toBe(false);
  });

  it('with migrate: false, reports pending migrations and changes nothing', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    await (await openCache({ file, key })).close();
    const later = { ...migrations, '9999-later': { up: async () => {} } };
    const cache = await openCache({ file, key, migrate: false, migrations: later });
    expect(cache.migrations.pending).toEqual(['9999-later']);
    expect(cache.migrated).toEqual([]);
    await cache.close();
  });
});
