// Bulk-load speed for an initial sync: the secondary indexes of the big synced tables are set
// aside while the tables fill, and built from the filled table: a table's once the feed has moved
// on from it, the rest at the end (initial-sync.ts). Building an index from the finished
// table is a sort; keeping it current row by row touches a random index page per row, and every
// page commit writes (and encrypts) those pages again. Their definitions are kept in the cache
// (sync_deferred_index) in the same transaction that drops them, so a crash or kill -9 loses
// none: whatever is still listed is built again once the initial sync is complete.
// The search index and the small tables (staff for sign-in, inmates and housing units for the
// Inmates screen while the sync runs) keep theirs; unique indexes are constraints and stay.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

const BULK_TABLES = ['visitor', 'approved_contact', 'visit_request', 'visit', 'contact_request'] as const;

/** Sets the indexes aside when the bulk tables are all empty; returns how many were. */
export function deferIndexes(sqlite: BetterSqlite3.Database): number {
  return sqlite
    .transaction(() => {
      const filled = BULK_TABLES.some(
        (table) => sqlite.prepare(`select 1 from ${table} limit 1`).get() !== undefined,
      );
      if (filled) return 0;
      const indexes = sqlite
        .prepare(
          `select name, sql from sqlite_master
         where type = 'index' and sql is not null and upper(sql) not like 'CREATE UNIQUE%'
           and tbl_name in (${BULK_TABLES.map(() => '?').join(', ')})`,
        )
        .all(...BULK_TABLES) as { name: string; sql: string }[];
      const keep = sqlite.prepare('insert or replace into sync_deferred_index (name, sql) values (?, ?)');
      for (const index of indexes) {
        keep.run(index.name, index.sql);
        sqlite.exec(`drop index "${index.name.replaceAll('"', '""')}"`);
      }
      return indexes.length;
    })
    .immediate();
}

export function deferredIndexCount(sqlite: BetterSqlite3.Database): number {
  return (sqlite.prepare('select count(*) as count from sync_deferred_index').get() as { count: number })
    .count;
}

/** The table a set-aside index is on, from its definition (`create index "x" on "table" (…)`). */
export function indexedTable(sql: string): string | null {
  return /\bon\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\(/i.exec(sql)?.[1] ?? null;
}

/** The tables that still have set-aside indexes. */
export function tablesWithDeferredIndexes(sqlite: BetterSqlite3.Database): Set<string> {
  const rows = sqlite.prepare('select sql from sync_deferred_index').all() as { sql: string }[];
  return new Set(rows.map((row) => indexedTable(row.sql)).filter((table) => table !== null));
}

/**
 * Builds one set-aside index (of `table`, when given) in a transaction of its own, so the event
 * loop gets a turn between indexes; returns false when none is left.
 */
export function restoreOneIndex(sqlite: BetterSqlite3.Database, table?: string): boolean {
  const waiting = sqlite.prepare('select name, sql from sync_deferred_index order by name').all() as {
    name: string;
    sql: string;
  }[];
  const next = table === undefined ? waiting[0] : waiting.find((index) => indexedTable(index.sql) === table);
  if (!next) return false;
  sqlite
    .transaction(() => {
      const exists = sqlite
        .prepare("select 1 from sqlite_master where type = 'index' and name = ?")
        .get(next.name);
      if (!exists) sqlite.exec(next.sql);
      sqlite.prepare('delete from sync_deferred_index where name = ?').run(next.name);
    })
    .immediate();
  return true;
}
