// Reads every page of the cache and checks SQLite's structure (PRAGMA quick_check): a damaged
// page deep in the file shows here, not only when a screen happens to read it. Each page's HMAC
// is checked on the way. It reads the whole file, so it is for `sallyport doctor`, not for every open.
import { CacheError, REBUILD_ADVICE } from './cache-error';
import type { Cache } from './open-cache';
import { toCacheError } from './open-cache';

export function checkCacheIntegrity(cache: Pick<Cache, 'sqlite' | 'file'>): void {
  let problems: string[];
  try {
    problems = (cache.sqlite.pragma('quick_check(5)') as { quick_check: string }[])
      .map((row) => row.quick_check)
      .filter((line) => line !== 'ok');
  } catch (error) {
    throw toCacheError(error, cache.file);
  }
  if (problems.length > 0) {
    throw new CacheError(
      'CACHE_DAMAGED',
      cache.file,
      `The cache ${cache.file} is damaged (${problems.join('; ').slice(0, 300)}). ${REBUILD_ADVICE}`,
    );
  }
}
