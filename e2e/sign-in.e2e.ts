// The smoke test of the browser suite: the first screen a user meets, in Chromium, against the
// real router behind the browser host.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, focused, launchBrowser, openPage, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/renderer-build';
import { startTestApp, testBanner, type TestApp } from './support/test-workstation';

const unavailable =
  'Sign-in is not available in this build of Sallyport yet. Ask IT for the current release.';

describe('the sign-in screen', () => {
  let browser: Browser;
  let app: TestApp;
  const signInRequests: unknown[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  beforeEach(async () => {
    signInRequests.length = 0;
    // The real workstation, with every auth.signIn frame that reaches its router noted.
    app = await startTestApp({
      workstation: (real) => ({
        ...real,
        router: {
          dispatch(frame, context, size) {
            const call = frame as { channel?: string; request?: unknown };
            if (call.channel === 'auth.signIn') signInRequests.push(call.request);
            return real.router.dispatch(frame, context, size);
          },
        },
      }),
    });
  });
  afterEach(() => app.close());

  it('shows the policy banner first, and the form only once it is accepted', async () => {
    const { page, problems, close } = await openPage(browser, app.host.url);
    const banner = page.getByRole('region', { name: testBanner.title });
    await banner.waitFor();

    expect(page.url()).not.toContain(app.host.token);
    expect(await page.title()).toBe(`${testBanner.title} · Sallyport`);
    expect(await banner.getByRole('heading', { level: 1 }).textContent()).toBe(testBanner.title);
    const paragraphs = await banner.locator('.banner-text p').allTextContents();
    expect(paragraphs).toEqual(testBanner.text.split('\n\n'));
    expect(await page.getByText('Riverside County Detention Center').isVisible()).toBe(true);
    expect(await page.getByText('INTAKE-03').isVisible()).toBe(true);

    expect(await page.getByLabel('Username').count()).toBe(0);
    expect(await page.getByLabel('Password').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    expect(app.workstation.session.view()).toEqual({ state: 'signed-out', bannerAcknowledged: false });

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-banner');

    await page.getByRole('button', { name: 'I understand and agree' }).click();
    await page.getByLabel('Username').waitFor();
    expect(app.workstation.session.view()).toEqual({ state: 'signed-out', bannerAcknowledged: true });
    expect(await page.getByText(testBanner.text.split('\n\n')[0] ?? '').count()).toBe(0);

    expect(await focused(page)).toBe('input[name=username]');
    await screenshot(page, 'sign-in-form');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=password]');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Sign in');

    expect(await page.getByLabel('Username').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Password').getAttribute('autocomplete')).toBe('current-password');
    expect(await page.title()).toBe('Sign in · Sallyport');
    expect(await axeViolations(page)).toEqual([]);

    expect(problems).toEqual([]);
    await close();
  });

  it('submits with Enter and shows the refusal in the alert region, in plain words', async () => {
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('button', { name: 'I understand and agree' }).click();
    await page.getByLabel('Username').fill('dokafor');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByLabel('Password').press('Enter');

    const alert = page.getByRole('alert').filter({ hasText: unavailable });
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe(unavailable);
    expect(signInRequests).toEqual([{ username: 'dokafor', password: 'correct horse' }]);
    // The password is cleared and focus is back in it, ready for another try.
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(await focused(page)).toBe('input[name=password]');
    expect(await page.getByLabel('Username').inputValue()).toBe('dokafor');

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-error');
    expect(problems).toEqual([]);
    await close();
  });

  it('sends the password exactly as pasted: spaces kept, nothing trimmed', async () => {
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    await page.getByRole('button', { name: 'I understand and agree' }).click();
    await page.getByLabel('Username').fill('  dokafor');
    const password = '  pass phrase with spaces ?  ';
    await page.evaluate(
      (text) =>
        (
          globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }
        ).navigator.clipboard.writeText(text),
      password,
    );
    await page.getByLabel('Password').focus();
    await page.keyboard.press('Control+V');
    expect(await page.getByLabel('Password').inputValue()).toBe(password);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('alert').filter({ hasText: unavailable }).waitFor();

    expect(signInRequests).toEqual([{ username: '  dokafor', password }]);
    // Typing '?' in a field is text, not the shortcut.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('says which field is empty, and sends nothing', async () => {
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('button', { name: 'I understand and agree' }).click();
    await page.getByLabel('Username').press('Enter');

    await page.getByText('Enter your username.').waitFor();
    expect(await page.getByText('Enter your password.').isVisible()).toBe(true);
    expect(await focused(page)).toBe('input[name=username]');
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    expect(signInRequests).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it("opens the keyboard shortcuts with '?', and closes them with Escape", async () => {
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('button', { name: 'I understand and agree' }).waitFor();
    await page.keyboard.press('?');

    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const rows = await dialog.getByRole('row').allTextContents();
    expect(rows).toContain('?Show the keyboard shortcuts');
    expect(rows).toContain('EnterSign in, from the Username or Password field');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shortcuts-sign-in');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await close();
  });
});
