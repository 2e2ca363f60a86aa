// What the outbox holds that the records service has not yet taken: the app warns before a
// rebuild would throw those decisions away.
import type { Kysely } from 'kysely';
import type { Cache } from './open-cache';
import { openCache } from './open-cache';
import type { Database } from './schema';

export async function countPendingOutbox(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Before setting a cache aside: how many decisions it holds that were never sent, or null when the
 * cache cannot be read far enough to tell (wrong key, header damaged). Never migrates the file.
 */
export async function countUnsentDecisions(file: string, key: Buffer): Promise<number | null> {
  let cache: Cache | undefined;
  try {
    cache = await openCache({ file, key, migrate: false, mustExist: true });
    return await countPendingOutbox(cache.db);
  } catch {
    return null;
  } finally {
    await cache?.close();
  }
}
