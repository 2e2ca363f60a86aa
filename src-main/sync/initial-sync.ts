// The bracket around an initial sync (or a sync again from zero): before it, the bulk tables'
// secondary indexes are set aside (deferred-indexes.ts); once the feed's head is reached, they
// are built again one at a time and the page cache the bulk load filled is given back.
import { releaseCacheMemory } from '../store/connection-settings';
import type { Cache } from '../store/open-cache';
import { withCache } from './cache-access';
import { deferIndexes, deferredIndexCount, restoreOneIndex } from './deferred-indexes';
import type { SyncLog } from './sync-api';
import { readSyncState } from './sync-state';

/** Before a sync into empty tables: set their secondary indexes aside. */
export async function prepareInitialSync(cache: Cache, log: SyncLog): Promise<void> {
  const state = await withCache(cache, () => readSyncState(cache.sqlite));
  if (state.cursor !== 0 || state.initialCompletedAt !== null) return;
  const deferred = await withCache(cache, () => deferIndexes(cache.sqlite));
  if (deferred > 0) log.info({ indexes: deferred }, 'initial sync: indexes set aside until it completes');
}

/**
 * Once the initial sync is complete: build what was set aside, one index per turn of the event
 * loop (a few hundred milliseconds each on the 'large' facility), unless the sync is stopping.
 */
export async function finishInitialSync(cache: Cache, log: SyncLog, stopping: AbortSignal): Promise<void> {
  const complete = await withCache(cache, () => readSyncState(cache.sqlite).initialCompletedAt !== null);
  if (!complete || (await withCache(cache, () => deferredIndexCount(cache.sqlite))) === 0) return;
  while (await withCache(cache, () => restoreOneIndex(cache.sqlite))) {
    if (stopping.aborted) return;
  }
  // The bulk load filled the page cache; the app's everyday work needs far less of it.
  await withCache(cache, () => releaseCacheMemory(cache.sqlite));
  log.info({}, 'initial sync: indexes built');
}
