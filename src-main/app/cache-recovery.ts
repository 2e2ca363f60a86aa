// When the cache cannot be opened (wrong or missing key, damaged file), the app offers to set the
// file aside and rebuild the cache from the records service. This says what to tell the person
// first, including whether the file holds decisions that were never sent, and does the set-aside.
import type { Keychain } from '../keychain/keychain';
import { CacheError, REBUILD_ADVICE } from '../store/cache-error';
import { countUnsentDecisions } from '../store/outbox';
import { setAsideCache, type SetAside } from '../store/set-aside';

const recoverable = new Set(['CACHE_WRONG_KEY', 'CACHE_KEY_MISSING', 'CACHE_DAMAGED']);

export function isRecoverable(error: unknown): error is CacheError {
  return error instanceof CacheError && recoverable.has(error.code);
}

export interface RecoveryOffer {
  message: string;
  detail: string;
  /** Decisions in the file never sent to the records service; null when it cannot be read to tell. */
  unsent: number | null;
}

export async function recoveryOffer(
  error: CacheError,
  keychain: Pick<Keychain, 'getCacheKey'>,
): Promise<RecoveryOffer> {
  const key = await keychain.getCacheKey().catch(() => null);
  const unsent = key === null ? null : await countUnsentDecisions(error.file, key);
  key?.fill(0);
  const warning =
    unsent === null
      ? 'Sallyport cannot read the file far enough to tell whether it holds decisions that were never sent to the records service; any there would not be sent.'
      : unsent > 0
        ? `Warning: it holds ${unsent} decision${unsent === 1 ? '' : 's'} not yet sent to the records service. They stay in the renamed file but will not be sent; tell a supervisor before you continue.`
        : 'It holds no decisions waiting to be sent.';
  return {
    message: 'The local cache of records cannot be opened.',
    detail: `${error.message}\n\n${REBUILD_ADVICE}\n\n${warning}`,
    unsent,
  };
}

export function setAside(error: CacheError): SetAside {
  return setAsideCache(error.file);
}
