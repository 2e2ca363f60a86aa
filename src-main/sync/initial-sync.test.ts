// The initial sync's indexes: set aside while the bulk tables fill, each table's built once the
// feed has moved on from it, the rest at the end; nothing lost whatever order the feed comes in.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityName } from '../../src-shared/domain/records';
import { entityTables } from '../store/entity-rows';
import { openCache } from '../store/open-cache';
import type { Cache } from '../store/open-cache';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import { deferIndexes, indexedTable, tablesWithDeferredIndexes } from './deferred-indexes';
import type { StagedPage } from './feed-page';
import { IndexCatchUp } from './initial-sync';

let dir: TempDir;
let cache: Cache;
beforeEach(async () => {
  dir = makeTempDir('sallyport-initial-sync-');
  cache = await openCache({ file: dir.file('cache.sqlite'), key: randomBytes(32) });
});
afterEach(async () => {
  await cache.close();
  dir.remove();
});

const indexesOn = (table: string): string[] =>
  (
    cache.sqlite
      .prepare("select name from sqlite_master where type = 'index' and tbl_name = ? and sql is not null")
      .all(table) as { name: string }[]
  ).map((row) => row.name);

/** A page that only says which kinds of record it carried (what the catch-up looks at). */
function pageOf(...entities: EntityName[]): StagedPage {
  return {
    after: 0,
    segments: entities.map((entity) => ({
      op: 'upsert',
      entity,
      count: 0,
      firstSeq: 1,
      lastSeq: 1,
      rows: '[]',
    })),
    quarantined: [],
    checkpoint: { type: 'checkpoint', seq: 1, upToDate: false, headSeq: 2, expectedTotal: null },
    lines: 0,
    skipped: 0,
  };
}

describe('the initial sync indexes', () => {
  it('reads the table of every set-aside index from its definition', () => {
    const before = cache.sqlite
      .prepare(
        "select name, tbl_name as tableName from sqlite_master where type = 'index' and sql is not null",
      )
      .all() as { name: string; tableName: string }[];
    expect(deferIndexes(cache.sqlite)).toBeGreaterThan(0);
    const kept = cache.sqlite.prepare('select name, sql from sync_deferred_index').all() as {
      name: string;
      sql: string;
    }[];
    for (const index of kept) {
      expect(indexedTable(index.sql)).toBe(before.find((row) => row.name === index.name)?.tableName);
    }
  });

  it('builds a table’s indexes, one per page, once the feed has moved on from it', async () => {
    deferIndexes(cache.sqlite);
    const visitor = entityTables.visitor;
    const contacts = entityTables.approvedContact;
    const visitorIndexes = cache.sqlite
      .prepare('select count(*) as n from sync_deferred_index where sql like ?')
      .get(`%on "${visitor}"%`) as { n: number };
    expect(visitorIndexes.n).toBeGreaterThan(0);
    const catchUp = new IndexCatchUp(cache);

    await catchUp.afterPage(pageOf('visitor'));
    await catchUp.afterPage(pageOf('visitor'));
    // Still arriving: nothing built yet.
    expect(indexesOn(visitor)).toEqual([]);

    // The feed moved on to contacts: the visitor table's indexes come, one page at a time.
    for (let page = 0; page < visitorIndexes.n; page += 1) await catchUp.afterPage(pageOf('approvedContact'));
    expect(indexesOn(visitor)).toHaveLength(visitorIndexes.n);
    expect(tablesWithDeferredIndexes(cache.sqlite).has(visitor)).toBe(false);
    // Contacts are still arriving: theirs wait.
    expect(indexesOn(contacts)).toEqual([]);

    // Once a page carries no contacts, their indexes follow.
    await catchUp.afterPage(pageOf('approvedContact'));
    await catchUp.afterPage(pageOf('visitRequest'));
    expect(indexesOn(contacts).length).toBe(1);
  });
});
