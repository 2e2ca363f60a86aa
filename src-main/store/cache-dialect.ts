// Kysely's SQLite dialect, with one correction: SQLite runs DDL inside transactions, but Kysely's
// SqliteAdapter says it does not, and its Migrator would then run migrations outside any
// transaction. Saying yes makes every pending migration commit together or not at all.
import { SqliteAdapter, SqliteDialect } from 'kysely';
import type { DialectAdapter } from 'kysely';

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class CacheDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
