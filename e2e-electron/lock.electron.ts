// The lock in the real Electron shell: an officer signs in against the demo facility, Ctrl+L
// shows the lock screen (and the window is protected from capture where the OS supports it), the
// password unlocks, and the operating system's screen lock (powerMonitor 'lock-screen') locks it
// again. Runs through scripts/electron-suite.mjs only where an Electron binary is installed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSync } from 'otplib';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFacility, type DemoFacility } from '../src-facility/demo-facility';
import { updateMfa } from '../src-main/auth/mfa-records';
import { newTotpSecret } from '../src-main/auth/totp';
import { demoPolicy } from '../src-main/host/preview';
import { createKeychain, type Keychain } from '../src-main/keychain/keychain';
import { openCacheWithKeychain } from '../src-main/store/open-with-keychain';

const executablePath = process.env.SALLYPORT_ELECTRON;
const lockHeading = { level: 1, name: 'This workstation is locked' } as const;
let app: ElectronApplication;
let page: Page;
let dir: string;
let facility: DemoFacility;
let keychain: Keychain;
let secret: string;

beforeAll(async () => {
  if (executablePath === undefined) throw new Error('SALLYPORT_ELECTRON must name the Electron binary');
  dir = mkdtempSync(path.join(os.tmpdir(), 'sallyport-electron-lock-'));
  facility = await startDemoFacility({ dir: path.join(dir, 'facility') });
  const policyFile = path.join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(demoPolicy(facility)));
  // Keychain entries of this run's own, so a developer's real ones are never touched.
  keychain = createKeychain({ service: `Sallyport-electron-suite-${randomBytes(4).toString('hex')}` });
  await keychain.setDirectoryBindPassword(facility.directory.bindPassword);
  await keychain.setDeviceToken(facility.deviceToken);
  const cacheFile = path.join(dir, 'cache.sqlite');
  const cache = await openCacheWithKeychain({ file: cacheFile, keychain });
  secret = newTotpSecret();
  const now = new Date();
  await updateMfa(cache.db, 'officer.demo', now, {
    state: 'enrolled',
    totp_secret: secret,
    enrolled_at: now.toISOString(),
  });
  await cache.close();
  app = await _electron.launch({
    executablePath,
    args: ['dist/electron/main.js'],
    env: {
      ...process.env,
      SALLYPORT_POLICY: policyFile,
      SALLYPORT_CACHE: cacheFile,
      SALLYPORT_KEYCHAIN_SERVICE: keychain.service,
    },
  });
  page = await app.firstWindow();
});

afterAll(async () => {
  await app?.close();
  await facility?.close();
  await keychain?.deleteDeviceToken();
  await keychain?.deleteCacheKey();
  rmSync(dir, { recursive: true, force: true });
});

function contentProtected(): Promise<boolean> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isContentProtected() ?? false);
}

describe('the lock in the Electron shell', () => {
  it('locks on Ctrl+L to the lock screen, protects the window, and unlocks with the password', async () => {
    const officer = facility.directory.accounts.find((account) => account.username === 'officer.demo');
    if (officer === undefined) throw new Error('the demo directory has no officer.demo');
    await page.getByRole('button', { name: 'I understand and agree' }).click();
    await page.getByLabel('Username').fill(officer.username);
    await page.getByLabel('Password').fill(officer.password);
    await page
      .getByRole('textbox', { name: 'Authenticator code' })
      .fill(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(await contentProtected()).toBe(false);

    await page.keyboard.press('Control+l');
    await page.getByRole('heading', lockHeading).waitFor();
    await page.screenshot({ path: 'test-results/screenshots/electron-lock.png' });
    // Windows and macOS honour content protection; Linux has none, and Electron reports false.
    if (process.platform !== 'linux') expect(await contentProtected()).toBe(true);

    await page.getByLabel('Password').fill(officer.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(await contentProtected()).toBe(false);
  });

  it("locks at once on the operating system's screen lock", async () => {
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    await app.evaluate(({ powerMonitor }) => {
      powerMonitor.emit('lock-screen');
    });
    await page.getByRole('heading', lockHeading).waitFor();
    expect(await page.getByText("Locked because the computer's screen was locked.").count()).toBe(1);
  });
});
