// The app's way in: the key comes from the keychain, and a new key is made only for a new cache.
// An existing cache with no key in the keychain is reported as such, never silently replaced.
import type { Keychain } from '../keychain/keychain';
import { CacheError, REBUILD_ADVICE } from './cache-error';
import { inspectCacheFile } from './cache-file';
import { openCache } from './open-cache';
import type { Cache, OpenCacheOptions } from './open-cache';

export interface OpenWithKeychainOptions extends Omit<OpenCacheOptions, 'key'> {
  readonly keychain: Pick<Keychain, 'getCacheKey' | 'getOrCreateCacheKey'>;
}

export async function openCacheWithKeychain(options: OpenWithKeychainOptions): Promise<Cache> {
  const { keychain, ...rest } = options;
  const state = inspectCacheFile(options.file);
  const hasData = state.kind === 'present' || state.kind === 'damaged';
  if (!hasData && options.mustExist) {
    throw new CacheError(
      'CACHE_MISSING',
      options.file,
      `There is no cache at ${options.file}: Sallyport makes it at first start.`,
    );
  }
  let key = hasData ? await keychain.getCacheKey() : null;
  if (hasData && !key) {
    throw new CacheError(
      'CACHE_KEY_MISSING',
      options.file,
      `The cache ${options.file} exists but its key is not in this user's keychain (the keychain was reset, ` +
        `or the cache belongs to another user), so it cannot be read. ${REBUILD_ADVICE}`,
    );
  }
  key ??= await keychain.getOrCreateCacheKey();
  try {
    return await openCache({ ...rest, key });
  } finally {
    key.fill(0);
  }
}
