// The real Electron shell, driven by Playwright's `_electron`: the window loads the app from
// app://, the page has no Node, the preload exposes only the bridge, and navigation away is refused.
// Runs through scripts/electron-suite.mjs only where an Electron binary is installed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPolicyInput } from '../src-main/test-support/test-policy';

const executablePath = process.env.SALLYPORT_ELECTRON;
let app: ElectronApplication;
let page: Page;
let dir: string;

beforeAll(async () => {
  if (executablePath === undefined) throw new Error('SALLYPORT_ELECTRON must name the Electron binary');
  dir = mkdtempSync(path.join(os.tmpdir(), 'sallyport-electron-'));
  const policyFile = path.join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(testPolicyInput({ banner: { title: 'Electron suite notice' } })));
  app = await _electron.launch({
    executablePath,
    args: ['dist/electron/main.js'],
    env: { ...process.env, SALLYPORT_POLICY: policyFile, ELECTRON_ENABLE_LOGGING: '1' },
  });
  page = await app.firstWindow();
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Electron shell', () => {
  it('loads the app from app://sallyport and shows the policy banner', async () => {
    expect(page.url()).toBe('app://sallyport/index.html');
    await expect(page.getByText('Electron suite notice').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: 'test-results/screenshots/electron-sign-in.png' });
  });

  it('gives the page no Node and only the bridge', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      bridge: Object.keys((globalThis as unknown as { sallyport: object }).sallyport).sort(),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'subscribe'] });
  });

  it('answers calls through the preload and refuses bad ones with a typed error', async () => {
    const replies = await page.evaluate(async () => {
      const bridge = (
        globalThis as unknown as { sallyport: { invoke(c: string, r: unknown): Promise<unknown> } }
      ).sallyport;
      return [await bridge.invoke('app.info', {}), await bridge.invoke('auth.signIn', { username: 42 })];
    });
    expect(replies[0]).toMatchObject({ ok: true, value: { product: 'Sallyport', host: 'electron' } });
    expect(replies[1]).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('refuses navigation away from the app and opens no new window', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://sallyport/index.html');
    await page.evaluate(() =>
      (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'),
    );
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
  });
});
