// The signed-in workstation and the lock screen. Sign-in has its own tests; these start the
// session through the workstation's own SessionState (what sign-in calls), not through anything
// the renderer can reach.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, focused, launchBrowser, openPage, screenshot } from './support/browser';
import { ensureRendererBuilt } from './support/renderer-build';
import {
  administrator,
  officer,
  startTestApp,
  testBanner,
  unreachableDirectory,
  type TestApp,
} from './support/test-workstation';

async function railLinks(page: Page): Promise<string[]> {
  const names = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents();
  // Each link shows its shortcut key after its name.
  return names.map((name) => name.replace(/\d$/, ''));
}

async function statusBarText(page: Page): Promise<string> {
  return (await page.getByRole('contentinfo').textContent()) ?? '';
}

describe('the app shell', () => {
  let browser: Browser;
  let app: TestApp;

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(() => app?.close());

  it('shows an administrator every section, the status bar, and an honest empty queue', async () => {
    app = await startTestApp({ policy: unreachableDirectory });
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('button', { name: 'I understand and agree' }).waitFor();

    // Sign-in will do this once the directory and TOTP check pass; the page learns of it by event.
    app.workstation.session.begin(administrator, { online: true });

    const heading = page.getByRole('heading', { level: 1, name: 'Visit requests' });
    await heading.waitFor();
    expect(await railLinks(page)).toEqual(['Visits', 'Contacts', 'Inmates', 'Import', 'Audit', 'Staff']);
    expect(await page.getByRole('link', { name: /^Visits/ }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('main').getByText('No visit requests are waiting.').isVisible()).toBe(true);
    expect(await focused(page)).toBe('h1:Visit requests');
    expect(await page.title()).toBe('Visit requests · Sallyport');

    // The records service's state arrives from main (sync.status) just after the shell appears.
    await page.getByRole('contentinfo').getByText('Not yet synced').waitFor();
    const status = await statusBarText(page);
    for (const part of [
      'Riverside County Detention Center',
      'Maria Reyes',
      'Administrator',
      'Not yet synced',
    ]) {
      expect(status).toContain(part);
    }
    expect(status).toContain('Outbox0 waiting');
    // An online sign-in is the normal case: only an offline one is called out.
    expect(status).not.toContain('Offline');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shell-administrator');

    await page.keyboard.press('5');
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    expect(await page.getByRole('link', { name: /^Audit/ }).getAttribute('aria-current')).toBe('page');
    expect(await focused(page)).toBe('h1:Audit trail');
    await page.getByRole('link', { name: /^Inmates/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Inmates' }).waitFor();
    expect(await page.getByText('No inmate records on this workstation.').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shell-inmates');

    expect(problems).toEqual([]);
    await close();
  });

  it('shows an officer no administration sections, by link, by key or by address', async () => {
    app = await startTestApp({ policy: unreachableDirectory });
    // Already signed in when the page loads: the shell comes from session.current.
    app.workstation.session.begin(officer, { online: false });
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();

    expect(await railLinks(page)).toEqual(['Visits', 'Contacts', 'Inmates']);
    expect(await page.getByText('Administration').count()).toBe(0);
    const status = await statusBarText(page);
    for (const part of ['Daniel Okafor', 'Officer', 'Offline — signed in without the directory'])
      expect(status).toContain(part);

    await page.keyboard.press('5');
    await page.keyboard.press('2');
    await page.getByRole('heading', { level: 1, name: 'Contact requests' }).waitFor();
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/audit';
    });
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Audit trail' }).count()).toBe(0);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shell-officer');
    expect(problems).toEqual([]);
    await close();
  });

  it("lists the shell's keys under '?'", async () => {
    app = await startTestApp({ policy: unreachableDirectory });
    app.workstation.session.begin(administrator, { online: true });
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();

    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const rows = await dialog.getByRole('row').allTextContents();
    expect(rows).toContain('1Go to Visit requests');
    expect(rows).toContain('6Go to Staff');
    // Section keys do nothing while the dialog is open.
    await page.keyboard.press('3');
    expect(await page.getByRole('heading', { level: 1, name: 'Visit requests' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shortcuts-shell');

    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await close();
  });

  it('signs out from the status bar, back to the system-use notice', async () => {
    app = await startTestApp({ policy: unreachableDirectory });
    app.workstation.session.acknowledgeBanner();
    app.workstation.session.begin(officer, { online: true });
    const { page, problems, close } = await openPage(browser, app.host.url);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('region', { name: testBanner.title }).waitFor();
    expect(app.workstation.session.view()).toEqual({
      state: 'signed-out',
      bannerAcknowledged: false,
      ended: null,
    });
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('locks to a full-window screen with who is signed in and since when, and no records', async () => {
    app = await startTestApp({ policy: unreachableDirectory });
    app.workstation.session.begin(administrator, { online: true });
    const since = app.workstation.session.view();
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();

    app.workstation.session.lock();
    await page.getByRole('heading', { level: 1, name: 'This workstation is locked' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByText('No visit requests are waiting.').count()).toBe(0);
    const panel = page.getByRole('region', { name: 'This workstation is locked' });
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('Maria Reyes');
    expect(text).toContain('mreyes');
    expect(text).toContain('Administrator');
    expect(since.state).toBe('active');
    if (since.state === 'active') {
      expect(await panel.locator('time').first().getAttribute('datetime')).toBe(since.since);
    }
    expect(await page.title()).toBe('Locked · Sallyport');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'lock-screen');

    await page.getByRole('button', { name: 'Not you? Sign out' }).click();
    await page.getByRole('region', { name: testBanner.title }).waitFor();
    expect(app.workstation.session.view().state).toBe('signed-out');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the policy warnings on every screen: sign-in, shell and lock', async () => {
    // The test workstation's demo directory speaks plain LDAP, as its policy admits.
    app = await startTestApp();
    const { page, problems, close } = await openPage(browser, app.host.url);
    const warnings = page.getByRole('region', { name: 'Security warnings' });
    const plain = 'Passwords travel to the directory without encryption';

    await page.getByRole('button', { name: 'I understand and agree' }).waitFor();
    expect(await warnings.textContent()).toContain(plain);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-with-warning');

    app.workstation.session.begin(officer, { online: true });
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(await warnings.textContent()).toContain(plain);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shell-with-warning');

    app.workstation.session.lock();
    await page.getByRole('heading', { level: 1, name: 'This workstation is locked' }).waitFor();
    expect(await warnings.textContent()).toContain(plain);
    expect(problems).toEqual([]);
    await close();
  });
});
