// A first sign-in from end to end: an administrator issues an enrolment code on the Staff screen;
// the new user signs in with it, adds Sallyport to an authenticator app from the QR code's key,
// confirms with the app's first code, sees ten recovery codes once, and later signs in with one.
import type { Browser, Page } from 'playwright-core';
import { generateSync } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentOffer, ReplyOf } from '../src-shared/contract';
import { axeViolations, focused, launchBrowser, openPage, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/renderer-build';
import {
  acceptBanner,
  beginEnrolment,
  signInAlert,
  signInThroughDirectory,
  signOut,
  submitSignIn,
} from './support/sign-in-steps';
import { listDemoStaff, startTestApp, type TestApp } from './support/test-workstation';

/** The little of the SVG DOM read back here (this program's types have no DOM). */
interface DrawnSvg {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: 'rect'): ArrayLike<{ getAttribute(name: string): string | null }>;
}

/** The QR code as drawn: the matrix read back from the SVG's rects, without the quiet zone. */
function drawnMatrix(page: Page): Promise<{ viewBox: string | null; size: number; modules: string }> {
  return page.getByRole('img', { name: /^QR code/ }).evaluate((element) => {
    const svg = element as unknown as DrawnSvg;
    const viewBox = svg.getAttribute('viewBox');
    const extent = Number(viewBox?.split(' ')[2]);
    const size = extent - 8;
    const cells = Array.from({ length: size * size }, () => '0');
    const rects = Array.from(svg.querySelectorAll('rect')).slice(1);
    for (const rect of rects) {
      const x = Number(rect.getAttribute('x')) - 4;
      const y = Number(rect.getAttribute('y')) - 4;
      const width = Number(rect.getAttribute('width'));
      for (let i = 0; i < width; i++) cells[y * size + x + i] = '1';
    }
    return { viewBox, size, modules: cells.join('') };
  });
}

describe('first sign-in with an enrolment code', () => {
  let browser: Browser;
  let app: TestApp;
  let offers: EnrolmentOffer[];

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(() => app?.close());

  it('goes from the administrator issuing a code to the new user signing in with a recovery code', async () => {
    offers = [];
    // The real workstation; the enrolment offers it answers are noted, to check the QR code drawn.
    app = await startTestApp({
      workstation: (real) => ({
        ...real,
        router: {
          async dispatch(frame, context, size) {
            const reply = await real.router.dispatch(frame, context, size);
            const call = frame as { channel?: string };
            if (call.channel === 'auth.signIn' && reply.ok) {
              const result = reply.value as ReplyOf<'auth.signIn'>;
              if (result.step === 'enrol') offers.push(result.offer);
            }
            return reply;
          },
        },
      }),
    });
    await listDemoStaff(app);
    const { page, problems, close } = await openPage(browser, app.host.url);
    const newcomer = app.test.account('supervisor.demo');

    // The administrator signs in and opens Staff.
    await signInThroughDirectory(page, app, 'admin.demo');
    await page.keyboard.press('6');
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: newcomer.username });
    await row.waitFor();
    expect(await row.textContent()).toContain('Not enrolled');

    await row.getByRole('button', { name: `Issue enrolment code for ${newcomer.displayName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Enrolment code for ${newcomer.displayName}` });
    await dialog.waitFor();
    const enrolmentCode = ((await dialog.locator('.issued-code').textContent()) ?? '').trim();
    expect(enrolmentCode).not.toBe('');
    expect(await dialog.textContent()).toContain('in person');
    expect(await dialog.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-enrolment-code');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Shown once: gone from the page once the dialog is closed.
    expect(await page.getByText(enrolmentCode).count()).toBe(0);
    await row.filter({ hasText: 'Enrolment code issued' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await signOut(page);

    // The newcomer's first sign-in: password and the enrolment code.
    await beginEnrolment(page, newcomer, enrolmentCode);
    expect(await page.title()).toBe('Add Sallyport to your authenticator app · Sallyport');
    // Focus starts at the new screen's heading; the code field is the next stop.
    expect(await focused(page)).toBe('h1:Add Sallyport to your authenticator app');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input[name=code]');
    expect(await page.getByText(`First sign-in · ${newcomer.displayName}`).isVisible()).toBe(true);

    // The QR code drawn is the matrix main sent, module for module, inside a quiet zone of 4.
    const offer = offers[0];
    expect(offer).toBeDefined();
    const drawn = await drawnMatrix(page);
    expect(drawn.viewBox).toBe(`0 0 ${offer!.qr.size + 8} ${offer!.qr.size + 8}`);
    expect(drawn.modules).toBe(offer!.qr.modules);

    // The key to type, as shown; an authenticator app computes the first code from it.
    const key = ((await page.locator('.totp-key').textContent()) ?? '').trim();
    expect(key).toBe(offer!.secret);
    expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'enrolment');

    // A wrong code first: refused in words, and the form stays for another try.
    const codeField = page.getByLabel('Code from your authenticator app');
    await codeField.fill('000000');
    await codeField.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'That code is not right.' }).waitFor();
    expect(await codeField.inputValue()).toBe('');

    await codeField.fill(generateSync({ secret: key.replace(/ /g, '') }));
    await page.getByRole('button', { name: 'Confirm' }).click();

    // Ten recovery codes, shown once; the session is already active behind them.
    await page.getByRole('heading', { level: 1, name: 'Store your recovery codes' }).waitFor();
    expect(app.workstation.session.view()).toMatchObject({
      state: 'active',
      officer: { username: newcomer.username, role: 'supervisor' },
    });
    expect(await focused(page)).toBe('h1:Store your recovery codes');
    const recoveryCodes = await page
      .getByRole('list', { name: 'Recovery codes' })
      .locator('code')
      .allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'recovery-codes');

    await page.getByRole('button', { name: 'I have stored my recovery codes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(await page.getByRole('contentinfo').textContent()).toContain(newcomer.displayName);
    expect(await page.getByText(recoveryCodes[0]!).count()).toBe(0);

    // Later: signed in again with a recovery code instead of the app.
    await signOut(page);
    await acceptBanner(page);
    await submitSignIn(page, {
      username: newcomer.username,
      password: newcomer.password,
      kind: 'recovery',
      code: recoveryCodes[0]!,
    });
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(app.workstation.session.view()).toMatchObject({ state: 'active', online: true });

    // Each recovery code works once.
    await signOut(page);
    await acceptBanner(page);
    await submitSignIn(page, {
      username: newcomer.username,
      password: newcomer.password,
      kind: 'recovery',
      code: recoveryCodes[0]!,
    });
    await signInAlert(page).filter({ hasText: 'The username, password or code is not right.' }).waitFor();
    expect(app.workstation.session.view().state).toBe('signed-out');
    expect(problems).toEqual([]);
    await close();
  });

  it('goes back to the sign-in form when the user cancels the enrolment', async () => {
    app = await startTestApp();
    const newcomer = app.test.account('supervisor.demo');
    const { code } = await app.workstation.staff.issueEnrolmentCode(newcomer.username, 'admin.demo');
    const { page, problems, close } = await openPage(browser, app.host.url);
    await beginEnrolment(page, newcomer, code);

    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('.totp-key').count()).toBe(0);
    expect(app.workstation.session.view().state).toBe('signed-out');
    // Nothing is left to confirm: the enrolment ended with the cancel.
    await expect(app.workstation.signIn.confirmEnrolment('000000')).rejects.toMatchObject({
      code: 'SIGNIN_EXPIRED',
    });
    expect(problems).toEqual([]);
    await close();
  });
});
