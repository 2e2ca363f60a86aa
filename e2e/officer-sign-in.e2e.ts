// Signing in for real: the demo directory's officer with password and TOTP, the lockout after five
// failures, a directory that cannot be reached, and the offline sign-in policy allows.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readMfa } from '../src-main/auth/mfa-records';
import { axeViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/renderer-build';
import {
  acceptBanner,
  signInAlert,
  signInThroughDirectory,
  signOut,
  submitSignIn,
} from './support/sign-in-steps';
import { startTestApp, type TestApp } from './support/test-workstation';

const lockedOut = 'This account is locked after too many failed sign-in attempts.';

describe('officer sign-in', () => {
  let browser: Browser;
  let app: TestApp;

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(() => app?.close());

  it('signs the demo officer in with password and authenticator code, into the shell', async () => {
    app = await startTestApp();
    const { page, problems, close } = await openPage(browser, app.host.url);
    const officer = app.test.account('officer.demo');
    await signInThroughDirectory(page, app, officer.username);

    const view = app.workstation.session.view();
    expect(view).toMatchObject({
      state: 'active',
      online: true,
      officer: { username: 'officer.demo', displayName: officer.displayName, role: 'officer' },
    });
    const status = (await page.getByRole('contentinfo').textContent()) ?? '';
    expect(status).toContain(officer.displayName);
    expect(status).not.toContain('Offline');
    expect(await page.getByRole('link', { name: /^Staff/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'signed-in-officer');
    expect(problems).toEqual([]);
    await close();
  });

  it('locks the username after five failures, and then refuses even the right password and code', async () => {
    app = await startTestApp();
    const { page, problems, close } = await openPage(browser, app.host.url);
    await acceptBanner(page);
    const officer = app.test.account('officer.demo');
    const alert = signInAlert(page);

    for (let attempt = 1; attempt <= 4; attempt++) {
      await submitSignIn(page, { username: officer.username, password: `wrong ${attempt}`, code: '000000' });
      await alert.filter({ hasText: 'The username, password or code is not right.' }).waitFor();
      // The same words each time: nothing says which factor was wrong, nor how many tries are left.
      expect(await alert.textContent()).toBe('The username, password or code is not right.');
    }
    await submitSignIn(page, { username: officer.username, password: 'wrong 5', code: '000000' });
    await alert.filter({ hasText: lockedOut }).waitFor();
    expect(await alert.textContent()).toContain('Account locked');
    expect(await alert.textContent()).toContain('Ask an administrator to release it.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-locked-out');

    await submitSignIn(page, {
      username: officer.username,
      password: officer.password,
      code: await app.test.totpFor(officer.username),
    });
    // The alert is cleared while the request runs, then says the same again.
    await alert.filter({ hasText: lockedOut }).waitFor();
    expect(app.workstation.session.view().state).toBe('signed-out');
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('says plainly when the directory cannot be reached', async () => {
    app = await startTestApp();
    const { page, problems, close } = await openPage(browser, app.host.url);
    await acceptBanner(page);
    const officer = app.test.account('officer.demo');
    await app.test.directory.close();

    await submitSignIn(page, {
      username: officer.username,
      password: officer.password,
      code: await app.test.totpFor(officer.username),
    });
    const alert = signInAlert(page);
    await alert.filter({ hasText: 'The facility directory cannot be reached.' }).waitFor();
    expect(await alert.textContent()).toContain('Facility directory unreachable');
    expect(app.workstation.session.view().state).toBe('signed-out');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-directory-unreachable');
    expect(problems).toEqual([]);
    await close();
  });

  it('signs in offline where policy allows it, and the status bar says so', async () => {
    app = await startTestApp({ policy: { offline: { allowed: true, maxHoursSinceOnline: 12 } } });
    const { page, problems, close } = await openPage(browser, app.host.url);
    const officer = app.test.account('officer.demo');

    // Online first: that keeps the verifier an offline sign-in is checked against.
    await signInThroughDirectory(page, app, officer.username);
    await expect
      .poll(async () => (await readMfa(app.test.cache.db, officer.username))?.offlineVerifier ?? null, {
        timeout: 10_000,
      })
      .not.toBeNull();
    await signOut(page);
    await acceptBanner(page);

    await app.test.directory.close();
    await submitSignIn(page, {
      username: officer.username,
      password: officer.password,
      // A code is accepted once: the next step's code, within the one step of drift allowed.
      code: await app.test.totpFor(officer.username, new Date(Date.now() + 30_000)),
    });
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(app.workstation.session.view()).toMatchObject({ state: 'active', online: false });
    const offline = page.getByRole('contentinfo').getByText('Offline — signed in without the directory');
    expect(await offline.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shell-offline-sign-in');
    expect(problems).toEqual([]);
    await close();
  });
});
