import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheError } from './cache-error';
import { migrations } from './migrations/index';
import { openCache } from './open-cache';
import { openRawCache } from './testing/raw-cache';
import { makeTempDir } from './testing/temp-dir';
import type { TempDir } from './testing/temp-dir';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

/** Everything a migration could change: the schema, the rows of every table, the migration log. */
function snapshot(file: string, key: Buffer) {
  const raw = openRawCache(file, key);
  try {
    const schema = raw
      .prepare('select type, name, tbl_name, sql from sqlite_master order by type, name')
      .all() as {
      type: string;
      name: string;
    }[];
    const tables = schema.filter(
      (s) => s.type === 'table' && !s.name.startsWith('sqlite_') && !s.name.includes('search'),
    );
    const rows = Object.fromEntries(
      tables.map((t) => [t.name, raw.prepare(`select * from "${t.name}" order by 1`).all()]),
    );
    return { schema, rows };
  } finally {
    raw.close();
  }
}

describe('migrations', () => {
  it('are named in order and each is a small module with an up()', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    for (const name of names) {
      expect(name).toMatch(/^\d{4}-[a-z0-9-]+$/);
      expect(typeof migrations[name]?.up).toBe('function');
    }
  });

  it('upgrade an older cache in place, keeping its records', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const first = Object.keys(migrations)[0]!;
    const older = await openCache({ file, key, migrations: { [first]: migrations[first]! } });
    await older.db
      .insertInto('visitor')
      .values({
        id: 'vis-1',
        first_name: 'Morgan',
        last_name: 'Keeps',
        date_of_birth: '1980-01-01',
        phone: null,
        email: null,
        id_document: null,
        banned: 0,
        version: 3,
      })
      .execute();
    await older.close();

    const upgraded = await openCache({ file, key });
    expect(upgraded.migrated).toEqual(Object.keys(migrations).slice(1));
    expect(upgraded.migrations.pending).toEqual([]);
    expect(await upgraded.db.selectFrom('visitor').select(['last_name', 'version']).execute()).toEqual([
      { last_name: 'Keeps', version: 3 },
    ]);
    await upgraded.close();
  });

  it('leave the cache exactly as it was when one of them fails', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await openCache({ file, key });
    await cache.db
      .insertInto('outbox')
      .values({
        id: '6f1c1a8e-4a7e-4b59-9d44-0c2f6f1b6a11',
        kind: 'decide',
        entity: 'visitRequest',
        record_id: 'vr-1',
        actor: 'officer1',
        mutation: '{}',
        created_at: '2026-03-01T10:00:00.000Z',
      })
      .execute();
    await cache.close();
    const before = snapshot(file, key);

    // A good migration, then one that changes things and then fails half-way.
    /* eslint-disable @typescript-eslint/no-explicit-any */
    const good: Migration = {
      up: async (db: Kysely<any>) => {
        await db.schema.createTable('added_by_good').addColumn('x', 'text').execute();
      },
    };
    const failing: Migration = {
      up: async (db: Kysely<any>) => {
        await db.schema.alterTable('outbox').addColumn('extra', 'text').execute();
        await db.deleteFrom('outbox').execute();
        await db.schema.dropTable('quarantine').execute();
        await sql`select * from a_table_that_does_not_exist`.execute(db);
      },
    };
    /* eslint-enable @typescript-eslint/no-explicit-any */
    const withFailure = { ...migrations, '9998-good': good, '9999-failing': failing };
    const error = await openCache({ file, key, migrations: withFailure }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheError);
    expect((error as CacheError).code).toBe('CACHE_MIGRATION_FAILED');
    expect((error as CacheError).message).toMatch(/9999-failing.*left as it was/);

    expect(snapshot(file, key)).toEqual(before);
    const reopened = await openCache({ file, key });
    expect(reopened.migrations.applied).toEqual(Object.keys(migrations));
    await reopened.close();
  });
});
