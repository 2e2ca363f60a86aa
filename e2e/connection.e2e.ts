// How the page connects: only with the launch key, which it takes out of the address bar, and
// what it shows when the app goes away.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/renderer-build';
import { startTestApp, unreachableDirectory, type TestApp } from './support/test-workstation';

describe('the connection to the app', () => {
  let browser: Browser;
  let app: TestApp;

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(() => app?.close());

  it('takes the launch key out of the address bar', async () => {
    app = await startTestApp({ policy: unreachableDirectory });
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('button', { name: 'I understand and agree' }).waitFor();
    expect(page.url()).toBe(`${app.host.origin}/`);
    expect(problems).toEqual([]);
    await close();
  });

  it('says how to open Sallyport when the page has no launch key, and connects to nothing', async () => {
    app = await startTestApp({ policy: unreachableDirectory });
    let connections = 0;
    const { page, problems, close } = await openPage(browser, `${app.host.origin}/`);
    page.on('websocket', () => connections++);
    await page.getByRole('heading', { level: 1, name: 'Open Sallyport from its own address' }).waitFor();
    expect(connections).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'no-launch-key');
    expect(problems).toEqual([]);
    await close();
  });

  it('says the connection is lost when the app goes away, even in the middle of a call', async () => {
    let holdBanner = false;
    // The real workstation, except that while `holdBanner` is set the banner call never answers.
    app = await startTestApp({
      policy: unreachableDirectory,
      workstation: (real) => ({
        ...real,
        router: {
          dispatch(frame, context, size) {
            const channel = (frame as { channel?: string }).channel;
            if (holdBanner && channel === 'signin.acknowledgeBanner') return new Promise(() => undefined);
            return real.router.dispatch(frame, context, size);
          },
        },
      }),
    });
    const { page, problems, close } = await openPage(browser, app.host.url);
    const accept = page.getByRole('button', { name: 'I understand and agree' });
    await accept.waitFor();

    holdBanner = true;
    await accept.click();
    await app.close();

    const notice = page.getByRole('alert').filter({ hasText: 'lost its connection to the Sallyport app' });
    await notice.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connection to Sallyport lost');
    expect(await page.getByRole('button', { name: 'I understand and agree' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'connection-lost');
    expect(problems).toEqual([]);
    await close();
  });
});
