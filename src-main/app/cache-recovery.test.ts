// The offer to set a broken cache aside, against real files and the real keyring of the test session.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeychain } from '../keychain/keychain';
import { openCacheWithKeychain } from '../store/open-with-keychain';
import { isRecoverable, recoveryOffer, setAside } from './cache-recovery';

let dir: string;
const keychain = createKeychain({ service: `Sallyport-test-${randomBytes(6).toString('hex')}` });
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sallyport-recovery-'));
});
afterEach(async () => {
  await keychain.deleteCacheKey();
  rmSync(dir, { recursive: true, force: true });
});

async function openError(file: string): Promise<unknown> {
  try {
    const cache = await openCacheWithKeychain({ file, keychain });
    await cache.close();
  } catch (error) {
    return error;
  }
  throw new Error('expected the cache to be refused');
}

describe('cache recovery', () => {
  it('offers to set a damaged file aside, and renames it without deleting anything', async () => {
    const file = path.join(dir, 'cache.sqlite');
    writeFileSync(file, 'this is not a database, but it is long enough to look like a file of some size');
    const error = await openError(file);
    expect(isRecoverable(error)).toBe(true);
    if (!isRecoverable(error)) return;
    const offer = await recoveryOffer(error, keychain);
    expect(offer.detail).toMatch(/renamed, never deleted/);
    const moved = setAside(error);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(moved.file)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
    // And a new cache opens in its place.
    const fresh = await openCacheWithKeychain({ file, keychain });
    expect(fresh.created).toBe(true);
    await fresh.close();
  });

  it('says so when it cannot tell whether the cache holds decisions not yet sent', async () => {
    const file = path.join(dir, 'cache.sqlite');
    const cache = await openCacheWithKeychain({ file, keychain });
    await cache.db
      .insertInto('outbox')
      .values({
        id: '9a6f4a55-2a8d-4a4e-9a55-1f0c6b1f9d00',
        kind: 'decide',
        entity: 'visitRequest',
        record_id: 'vr-1',
        actor: 'officer.demo',
        mutation: '{}',
        created_at: new Date().toISOString(),
        last_attempt_at: null,
        last_error: null,
        result: null,
      })
      .execute();
    await cache.close();
    await keychain.deleteCacheKey();
    await keychain.getOrCreateCacheKey(); // a different key: the cache no longer opens
    const error = await openError(file);
    if (!isRecoverable(error)) throw new Error('expected a recoverable cache error');
    expect(error.code).toBe('CACHE_WRONG_KEY');
    const offer = await recoveryOffer(error, keychain);
    expect(offer.unsent).toBeNull();
    expect(offer.detail).toMatch(/cannot read the file far enough/);
  });
});
