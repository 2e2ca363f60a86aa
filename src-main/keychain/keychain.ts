// The OS keychain, through @napi-rs/keyring: the cache key (256 random bits, made on first start)
// and the records-service device token. On Linux the entry is pinned to the Secret Service: the
// library would otherwise fall back to the kernel keyring, which forgets everything at reboot and
// would leave the cache unreadable. Nothing here ever falls back to a file.
import { randomBytes } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { KeychainError, unavailableAdvice } from './keychain-error';

export const DEFAULT_SERVICE = 'Sallyport';
export const CACHE_KEY_ACCOUNT = 'cache-key';
export const DEVICE_TOKEN_ACCOUNT = 'device-token';
/** The password of the directory service account the workstation searches with (policy directory.bindDn). */
export const DIRECTORY_BIND_ACCOUNT = 'directory-bind-password';
export const CACHE_KEY_BYTES = 32;
const MAX_TOKEN_CHARS = 4096;

export interface KeychainOptions {
  /** 'Sallyport' in the product; tests use their own so they never touch a real entry. */
  readonly service?: string;
  /** How long to wait for the keychain (an unlock prompt may be showing). */
  readonly timeoutMs?: number;
  readonly platform?: NodeJS.Platform;
}

export interface Keychain {
  readonly service: string;
  /** The cache key, or null when none has been made yet. */
  getCacheKey(): Promise<Buffer | null>;
  /** The cache key, made and stored first if there is none. */
  getOrCreateCacheKey(): Promise<Buffer>;
  getDeviceToken(): Promise<string | null>;
  setDeviceToken(token: string): Promise<void>;
  deleteDeviceToken(): Promise<boolean>;
  getDirectoryBindPassword(): Promise<string | null>;
  setDirectoryBindPassword(password: string): Promise<void>;
  /** Removes the cache key; only for tests and for a deliberate reset by IT. */
  deleteCacheKey(): Promise<boolean>;
}

export function createKeychain(options: KeychainOptions = {}): Keychain {
  const service = options.service ?? DEFAULT_SERVICE;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const platform = options.platform ?? process.platform;

  async function call<T>(
    account: string,
    what: string,
    run: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>,
  ) {
    try {
      const entry = new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
      return await run(entry, AbortSignal.timeout(timeoutMs));
    } catch (error) {
      throw unavailable(platform, what, timeoutMs, error);
    }
  }

  const getCacheKey = async (): Promise<Buffer | null> => {
    const stored = await call(CACHE_KEY_ACCOUNT, 'read the cache key', (entry, signal) =>
      entry.getPassword(signal),
    );
    return stored === null ? null : decodeKey(stored, service);
  };

  return {
    service,
    getCacheKey,
    async getOrCreateCacheKey() {
      const existing = await getCacheKey();
      if (existing) return existing;
      const key = randomBytes(CACHE_KEY_BYTES);
      await call(CACHE_KEY_ACCOUNT, 'store a new cache key', (entry, signal) =>
        entry.setPassword(key.toString('base64'), signal),
      );
      // Read it back: the key is only good if the keychain really kept it. If another process
      // stored one at the same moment, both now use the one the keychain holds.
      const kept = await getCacheKey();
      if (!kept) {
        throw new KeychainError(
          'KEYCHAIN_UNAVAILABLE',
          `The keychain accepted the cache key but did not keep it. ${unavailableAdvice(platform)}`,
        );
      }
      if (!kept.equals(key)) key.fill(0);
      return kept;
    },
    async getDeviceToken() {
      return call(DEVICE_TOKEN_ACCOUNT, 'read the device token', (entry, signal) =>
        entry.getPassword(signal),
      );
    },
    async setDeviceToken(token) {
      checkToken(token);
      await call(DEVICE_TOKEN_ACCOUNT, 'store the device token', (entry, signal) =>
        entry.setPassword(token, signal),
      );
    },
    async deleteDeviceToken() {
      return call(DEVICE_TOKEN_ACCOUNT, 'remove the device token', (entry, signal) =>
        entry.deletePassword(signal),
      );
    },
    async getDirectoryBindPassword() {
      return call(DIRECTORY_BIND_ACCOUNT, 'read the directory service password', (entry, signal) =>
        entry.getPassword(signal),
      );
    },
    async setDirectoryBindPassword(password) {
      if (password.length === 0 || password.length > MAX_TOKEN_CHARS) {
        throw new KeychainError('KEYCHAIN_BAD_ENTRY', 'The directory service password must not be empty.');
      }
      await call(DIRECTORY_BIND_ACCOUNT, 'store the directory service password', (entry, signal) =>
        entry.setPassword(password, signal),
      );
    },
    async deleteCacheKey() {
      return call(CACHE_KEY_ACCOUNT, 'remove the cache key', (entry, signal) => entry.deletePassword(signal));
    },
  };
}

function decodeKey(stored: string, service: string): Buffer {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(stored) ? Buffer.from(stored, 'base64') : Buffer.alloc(0);
  if (key.length !== CACHE_KEY_BYTES) {
    throw new KeychainError(
      'KEYCHAIN_BAD_ENTRY',
      `The keychain entry "${CACHE_KEY_ACCOUNT}" of service "${service}" does not hold a 256-bit cache key: ` +
        'it was changed outside Sallyport. IT removes the entry; Sallyport then sets the old cache aside and rebuilds it.',
    );
  }
  return key;
}

function checkToken(token: string): void {
  if (
    typeof token !== 'string' ||
    token.length === 0 ||
    token.length > MAX_TOKEN_CHARS ||
    /[\s\p{Cc}]/u.test(token)
  ) {
    throw new KeychainError(
      'KEYCHAIN_BAD_ENTRY',
      `A device token is one line of 1 to ${MAX_TOKEN_CHARS} printable characters without spaces.`,
    );
  }
}

function unavailable(
  platform: NodeJS.Platform,
  what: string,
  timeoutMs: number,
  error: unknown,
): KeychainError {
  if (error instanceof KeychainError) return error;
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const cause = timedOut
    ? `it did not answer within ${Math.round(timeoutMs / 1000)} s`
    : error instanceof Error
      ? error.message.replace(/\s+/g, ' ').slice(0, 200)
      : 'unknown error';
  return new KeychainError(
    'KEYCHAIN_UNAVAILABLE',
    `Could not ${what} (${cause}). ${unavailableAdvice(platform)}`,
    {
      cause: error,
    },
  );
}
