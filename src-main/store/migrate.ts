// Brings a cache's schema up to this version of the app with Kysely's Migrator, forward-only, and
// refuses a cache made by a newer version. All pending migrations run in one transaction (see
// cache-dialect.ts): a failure leaves the cache exactly as it was.
import { Migrator } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { CacheError, REBUILD_ADVICE } from './cache-error';
import { staticMigrationProvider } from './migrations/index';

export const MIGRATION_TABLE = 'kysely_migration';

export interface MigrationStatus {
  /** Applied to this cache, in order. */
  readonly applied: readonly string[];
  /** Known to this app, not yet applied. */
  readonly pending: readonly string[];
  /** Applied to this cache but unknown to this app: the cache is newer than the app. */
  readonly unknown: readonly string[];
}

/** Reads the state straight from the migration table: cheap enough for every open. */
export function readMigrationStatus(
  sqlite: BetterSqlite3.Database,
  list: Readonly<Record<string, Migration>>,
): MigrationStatus {
  const known = Object.keys(list).sort();
  const tableExists = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = ?")
    .get(MIGRATION_TABLE);
  const applied = tableExists
    ? (sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map(
        (row) => row.name,
      )
    : [];
  return {
    applied,
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}

export function refuseNewerCache(file: string, status: MigrationStatus): void {
  if (status.unknown.length === 0) return;
  throw new CacheError(
    'CACHE_TOO_NEW',
    file,
    `The cache ${file} was made by a newer version of Sallyport (it has schema change ${status.unknown.at(-1)}, ` +
      `which this version does not know). Install the current version of Sallyport, or set the cache aside ` +
      `and rebuild it. ${REBUILD_ADVICE}`,
  );
}

/** Runs the pending migrations; returns the names applied. */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see a schema-less database
  db: Kysely<any>,
  file: string,
  list: Readonly<Record<string, Migration>>,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: staticMigrationProvider(list),
    migrationTableName: MIGRATION_TABLE,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CacheError(
      'CACHE_MIGRATION_FAILED',
      file,
      `Upgrading the cache ${file} failed${failed ? ` in schema change ${failed}` : ''} (${detail}). ` +
        'The cache was left as it was. Report this to IT with the version of Sallyport.',
      { cause: error },
    );
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
