// The front door, in Chromium, against the real router, sign-in service and demo directory behind
// the browser host: the system-use notice, the form and its second-factor choice, what a refusal
// looks like, and the whole thing by keyboard alone.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, focused, launchBrowser, openPage, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/renderer-build';
import { acceptBanner, signInAlert } from './support/sign-in-steps';
import { startTestApp, testBanner, type TestApp } from './support/test-workstation';

const refused = 'The username, password or code is not right.';

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
    expect(app.workstation.session.view()).toEqual({
      state: 'signed-out',
      bannerAcknowledged: false,
      ended: null,
    });

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-banner');

    await acceptBanner(page);
    expect(app.workstation.session.view()).toEqual({
      state: 'signed-out',
      bannerAcknowledged: true,
      ended: null,
    });
    expect(await page.getByText(testBanner.text.split('\n\n')[0] ?? '').count()).toBe(0);

    expect(await page.getByLabel('Username').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Password').getAttribute('autocomplete')).toBe('current-password');
    const code = page.getByLabel('Authenticator code');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await page.getByRole('radio', { name: 'Authenticator app' }).isChecked()).toBe(true);
    expect(await page.title()).toBe('Sign in · Sallyport');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-form');

    expect(problems).toEqual([]);
    await close();
  });

  it('signs in by keyboard alone: focus starts in Username, Tab walks the form, Enter submits', async () => {
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('region', { name: testBanner.title }).waitFor();
    // The notice's heading has focus; its one button is the next stop.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:I understand and agree');
    await page.keyboard.press('Enter');
    await page.getByLabel('Username').waitFor();

    const officer = app.test.account('officer.demo');
    expect(await focused(page)).toBe('input[name=username]');
    await page.keyboard.type(officer.username);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=password]');
    await page.keyboard.type(officer.password);
    await page.keyboard.press('Tab');
    // The second-factor choice is one stop; arrows change it, and the code field follows.
    expect(await focused(page)).toBe('input[name=secondFactor]');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Recovery code' }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'Recovery code' }).waitFor();
    expect(await page.getByText('One of the ten recovery codes').isVisible()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.getByLabel('Enrolment code').waitFor();
    expect(await page.getByText('The one-time code your administrator gave you').isVisible()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('radio', { name: 'Authenticator app' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=code]');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Sign in');
    await page.keyboard.press('Shift+Tab');

    // As an authenticator app shows it: two groups of three.
    const code = await app.test.totpFor('officer.demo');
    await page.keyboard.type(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(signInRequests).toEqual([
      {
        username: officer.username,
        password: officer.password,
        secondFactor: { kind: 'totp', code: `${code.slice(0, 3)} ${code.slice(3)}` },
      },
    ]);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows a refusal in the alert region, clears the password and code, and keeps the username', async () => {
    const { page, problems, close } = await openPage(browser, app.host.url);
    await acceptBanner(page);
    await page.getByLabel('Username').fill('dokafor');
    await page.getByLabel('Password').fill('correct horse');
    await page.getByLabel('Authenticator code').fill('123 456');
    await page.getByLabel('Authenticator code').press('Enter');

    const alert = signInAlert(page);
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe(refused);
    expect(signInRequests).toEqual([
      { username: 'dokafor', password: 'correct horse', secondFactor: { kind: 'totp', code: '123 456' } },
    ]);
    // Both secrets are cleared and focus is back in the password, ready for another try.
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(await page.getByLabel('Authenticator code').inputValue()).toBe('');
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
    await acceptBanner(page);
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
    await page.getByLabel('Authenticator code').fill('000000');
    await page.getByLabel('Password').press('Enter');
    await signInAlert(page).filter({ hasText: refused }).waitFor();

    expect(signInRequests).toEqual([
      { username: '  dokafor', password, secondFactor: { kind: 'totp', code: '000000' } },
    ]);
    // Typing '?' in a field is text, not the shortcut.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('says which field is empty, and sends nothing', async () => {
    const { page, problems, close } = await openPage(browser, app.host.url);
    await acceptBanner(page);
    await page.getByLabel('Username').press('Enter');

    await page.getByText('Enter your username.').waitFor();
    expect(await page.getByText('Enter your password.').isVisible()).toBe(true);
    expect(await page.getByText('Enter the code from your authenticator app.').isVisible()).toBe(true);
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
    expect(rows).toContain('EnterSign in, from any field of the form');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shortcuts-sign-in');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await close();
  });
});
