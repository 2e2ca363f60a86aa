// How the sync writes to the cache without stepping on other services. The cache is one SQLite
// connection shared by everyone; Kysely serialises its own users with a mutex. Synchronous
// better-sqlite3 work run while holding that connection can never land inside another service's
// open Kysely transaction (which would make it part of, and roll back with, someone else's work).
import type { Transaction } from 'kysely';
import type { Cache } from '../store/open-cache';
import type { Database } from '../store/schema';

/** Runs synchronous statements on `cache.sqlite` while no Kysely transaction is open. */
export function withCache<T>(cache: Cache, work: () => T): Promise<T> {
  return cache.db.connection().execute(async () => work());
}

/**
 * One transaction for work that mixes raw statements with an audit append (which takes a Kysely
 * transaction): both commit together, or neither does.
 */
export function inTransaction<T>(cache: Cache, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return cache.db.transaction().execute(work);
}
