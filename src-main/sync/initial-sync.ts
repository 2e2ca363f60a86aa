// The bracket around an initial sync (or a sync again from zero): before it, the bulk tables'
// secondary indexes are set aside (deferred-indexes.ts), the page cache is held small and the
// cache writes through the rollback journal instead of the WAL (open-cache.ts: each new page is
// then encrypted once, not a second time by a checkpoint); during it, a table's indexes are built
// once the feed has moved on from it (IndexCatchUp); once the feed's head is reached, the rest
// are built one at a time, and the everyday page cache and the WAL return.
import { isBulkLoadCache, releaseCacheMemory, useBulkLoadCache } from '../store/connection-settings';
import type { Cache } from '../store/open-cache';
import { withCache } from './cache-access';
import { entityTables } from '../store/entity-rows';
import {
  deferIndexes,
  deferredIndexCount,
  restoreOneIndex,
  tablesWithDeferredIndexes,
} from './deferred-indexes';
import type { StagedPage } from './feed-page';
import type { SyncLog } from './sync-api';
import { readSyncState } from './sync-state';

/**
 * Before a round of an initial sync (none completed yet): the bulk-load page cache and the
 * rollback journal, and before a sync into empty tables their secondary indexes set aside.
 * Returns true for an initial sync.
 */
export async function prepareInitialSync(cache: Cache, log: SyncLog): Promise<boolean> {
  const state = await withCache(cache, () => readSyncState(cache.sqlite));
  if (state.initialCompletedAt !== null) return false;
  useBulkLoadCache(cache.sqlite);
  if ((await withCache(cache, () => cache.useJournal('rollback'))) !== 'rollback') {
    log.info({}, 'initial sync: another program has the cache open, so it keeps its write-ahead log');
  }
  if (state.cursor !== 0) return true;
  const deferred = await withCache(cache, () => deferIndexes(cache.sqlite));
  if (deferred > 0) log.info({ indexes: deferred }, 'initial sync: indexes set aside until it completes');
  return true;
}

/**
 * Once the initial sync is complete: build what was set aside, one index per turn of the event
 * loop (a few hundred milliseconds each on the 'large' facility), unless the sync is stopping;
 * then, after a round that was initial, the everyday page cache and the WAL again. A round that
 * fails before the initial sync is complete keeps both until a later one completes it (or the
 * app opens the cache again, in WAL).
 */
export async function finishInitialSync(
  cache: Cache,
  log: SyncLog,
  stopping: AbortSignal,
  initial: boolean,
): Promise<void> {
  const complete = await withCache(cache, () => readSyncState(cache.sqlite).initialCompletedAt !== null);
  if (!complete) return;
  try {
    if ((await withCache(cache, () => deferredIndexCount(cache.sqlite))) > 0) {
      while (await withCache(cache, () => restoreOneIndex(cache.sqlite))) {
        if (stopping.aborted) return;
      }
      log.info({}, 'initial sync: indexes built');
    }
  } finally {
    // Also when stopping or failing while indexes are built (later rounds are not initial and
    // would not do it); useJournal('wal') is a no-op when the WAL is already back.
    if (initial || isBulkLoadCache(cache.sqlite))
      await withCache(cache, () => releaseCacheMemory(cache.sqlite));
    await withCache(cache, () => cache.useJournal('wal'));
  }
}

/**
 * During an initial sync, builds the set-aside indexes of a table once the feed has moved on from
 * it (it had records in an earlier page and has none in this one): one index after each page, on
 * the main thread while the feed worker checks the next page, instead of all of them at the end.
 * A table that gets records again later takes them with its indexes in place: slower, never wrong.
 * Where the feed interleaves the tables (every page has some of each), nothing is built before
 * the end, as without it.
 */
export class IndexCatchUp {
  readonly #cache: Cache;
  /** Tables with set-aside indexes that had records in a page before this one. */
  readonly #passed = new Set<string>();
  #waiting: Set<string> | null = null;

  constructor(cache: Cache) {
    this.#cache = cache;
  }

  async afterPage(page: StagedPage): Promise<void> {
    const waiting = (this.#waiting ??= await withCache(this.#cache, () =>
      tablesWithDeferredIndexes(this.#cache.sqlite),
    ));
    if (waiting.size === 0) return;
    const inPage = new Set(page.segments.map((segment) => entityTables[segment.entity] as string));
    const passed = [...this.#passed].filter((table) => !inPage.has(table));
    for (const table of inPage) if (waiting.has(table)) this.#passed.add(table);
    for (const table of passed) {
      if (await withCache(this.#cache, () => restoreOneIndex(this.#cache.sqlite, table))) return;
      // Nothing left of this table's: on to the next, so the page's turn is not lost.
      waiting.delete(table);
      this.#passed.delete(table);
    }
  }
}
