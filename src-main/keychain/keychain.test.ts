// Against a real gnome-keyring: the test command runs vitest inside
//   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets; …'
// Each test uses a service name of its own and removes its entries.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_KEY_ACCOUNT, createKeychain } from './keychain';
import type { Keychain } from './keychain';
import { KeychainError } from './keychain-error';

const run = promisify(execFile);
const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'probe-keychain.ts');

const made: Keychain[] = [];
function testKeychain(): Keychain {
  const keychain = createKeychain({
    service: `Sallyport-test-${randomBytes(6).toString('hex')}`,
    timeoutMs: 10_000,
  });
  made.push(keychain);
  return keychain;
}

beforeAll(() => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'The keychain tests need a session bus with an unlocked gnome-keyring: run them through the README test command ' +
        "(dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; …').",
    );
  }
});

afterEach(async () => {
  for (const keychain of made.splice(0)) {
    await keychain.deleteCacheKey();
    await keychain.deleteDeviceToken();
  }
});

describe('the keychain (real gnome-keyring)', () => {
  it('makes a 256-bit cache key once and gives the same key back, also to a new instance', async () => {
    const keychain = testKeychain();
    expect(await keychain.getCacheKey()).toBeNull();
    const key = await keychain.getOrCreateCacheKey();
    expect(key).toHaveLength(32);
    expect((await keychain.getOrCreateCacheKey()).equals(key)).toBe(true);
    const again = createKeychain({ service: keychain.service });
    expect((await again.getCacheKey())?.equals(key)).toBe(true);
  });

  it('gives different keychains (services) different keys', async () => {
    const a = await testKeychain().getOrCreateCacheKey();
    const b = await testKeychain().getOrCreateCacheKey();
    expect(a.equals(b)).toBe(false);
  });

  it('keeps the device token', async () => {
    const keychain = testKeychain();
    expect(await keychain.getDeviceToken()).toBeNull();
    await keychain.setDeviceToken('dt_3f9a0c1e5b7d');
    expect(await keychain.getDeviceToken()).toBe('dt_3f9a0c1e5b7d');
    await keychain.setDeviceToken('dt_replaced');
    expect(await keychain.getDeviceToken()).toBe('dt_replaced');
    expect(await keychain.deleteDeviceToken()).toBe(true);
    expect(await keychain.getDeviceToken()).toBeNull();
  });

  it('refuses a device token with spaces or line breaks', async () => {
    const keychain = testKeychain();
    await expect(keychain.setDeviceToken('two words')).rejects.toMatchObject({ code: 'KEYCHAIN_BAD_ENTRY' });
    await expect(keychain.setDeviceToken('line\nbreak')).rejects.toBeInstanceOf(KeychainError);
    await expect(keychain.setDeviceToken('')).rejects.toBeInstanceOf(KeychainError);
  });

  it('reports an entry changed outside Sallyport, without showing it', async () => {
    const keychain = testKeychain();
    const entry = new AsyncEntry(keychain.service, CACHE_KEY_ACCOUNT, { linux: { store: 'secret-service' } });
    await entry.setPassword('not-a-key-at-all');
    const error = await keychain.getOrCreateCacheKey().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KeychainError', code: 'KEYCHAIN_BAD_ENTRY' });
    expect((error as Error).message).not.toContain('not-a-key-at-all');
  });

  it('says what to install when no Secret Service is reachable, and stores nothing anywhere else', async () => {
    const service = `Sallyport-test-${randomBytes(6).toString('hex')}`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', probe, service], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/sallyport-test-bus' },
    });
    const result = JSON.parse(stdout) as { ok: boolean; code: string; message: string };
    expect(result).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
    expect(result.message).toMatch(/Install gnome-keyring/);
    expect(result.message).toMatch(/unlocked/);
    expect(result.message).toMatch(/never falls back/);
    // The library's own fallback (the kernel keyring) was not used: nothing was stored for the service.
    expect(await createKeychain({ service }).getCacheKey()).toBeNull();
  });

  it('says to unlock the keyring when it is locked', async () => {
    // A second session bus whose gnome-keyring has a login keyring that nobody unlocked.
    const home = mkdtempSync(path.join(os.tmpdir(), 'sallyport-keyring-'));
    try {
      mkdirSync(path.join(home, '.cache'), { recursive: true });
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: path.join(home, '.local', 'share'),
      };
      delete env.DBUS_SESSION_BUS_ADDRESS;
      const service = 'Sallyport-locked-test';
      const script = [
        `echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null`,
        `"${process.execPath}" --import tsx "${probe}" ${service} >/dev/null`,
      ].join('; ');
      // First session: unlocked, the key is made and the keyring saved to $HOME.
      await run('dbus-run-session', ['--', 'sh', '-c', script], { env, cwd: process.cwd() });
      // Second session: the daemon starts without the password, so the keyring stays locked.
      const { stdout } = await run(
        'dbus-run-session',
        [
          '--',
          'sh',
          '-c',
          `gnome-keyring-daemon --start --components=secrets >/dev/null; "${process.execPath}" --import tsx "${probe}" ${service}`,
        ],
        { env, cwd: process.cwd() },
      );
      const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
        ok: boolean;
        code: string;
        message: string;
      };
      expect(result).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
      expect(result.message).toMatch(/^Could not read the cache key \(.*(unlock|locked).*\)/i);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
