// What the sync engine keeps beyond the first schema: how far an initial sync has come (for its
// progress bar across restarts), each outbox entry's record as it stood before the optimistic
// change (to put it back when the records service rejects the change) and when it was answered,
// and the secondary indexes an initial sync set aside to build afterwards (their definitions, so
// a crash in between loses none). A later migration that drops or alters an index of the synced
// tables must say IF EXISTS: on a cache whose initial sync was interrupted it may be set aside.
// Frozen in time: it imports nothing from the app.
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration sees the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  // Records the feed promised for the initial sync (its first checkpoint's expectedTotal), and
  // lines received so far; null once no initial sync is running.
  await db.schema.alterTable('sync_state').addColumn('initial_expected', 'integer').execute();
  await db.schema.alterTable('sync_state').addColumn('initial_received', 'integer').execute();
  // The record as JSON before the optimistic change; null for a kind that changes no record.
  await db.schema.alterTable('outbox').addColumn('before', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('answered_at', 'text').execute();
  await db.schema
    .createTable('sync_deferred_index')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('sql', 'text', (c) => c.notNull())
    .execute();
}
