// The lock, as an officer meets it: the idle warning and its countdown, which input cancels; the
// idle lock, after which the whole DOM holds none of the names that were on screen; unlocking back
// to the same page; Ctrl+L and the Lock button; 'Not you?'; an administrator ending a locked
// session; and the sign-in screen saying why a session ended. The workstation's clock is the
// test's (time passes when the test says, then `session.tick()`), and the page's clock follows it
// so the countdown reads true.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  focused,
  launchBrowser,
  openPage,
  screenshot,
  type WatchedPage,
} from './support/browser';
import { ensureRendererBuilt } from './support/renderer-build';
import { acceptBanner, signInThroughDirectory } from './support/sign-in-steps';
import { listDemoStaff, officer, startTestApp, type TestApp } from './support/test-workstation';
import type { PolicyInput } from '../src-shared/policy/policy';

const MIN = 60_000;
const START = new Date('2026-11-25T06:00:00Z').getTime();
const lockHeading = { level: 1, name: 'This workstation is locked' } as const;

/** Staff the records service would have synced: made-up names, on screen only on the Staff page. */
const syncedStaff = [
  { username: 'rachterberg', displayName: 'Rosalind Achterberg' },
  { username: 'tnwankwo', displayName: 'Tobenna Nwankwo' },
  { username: 'ivasquez', displayName: 'Ines Vasquez-Lindqvist' },
];

describe('the lock', () => {
  let browser: Browser;
  let app: TestApp;
  let now = START;
  const clock = () => new Date(now);

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(() => app?.close());

  async function start(policy: Partial<PolicyInput> = {}): Promise<TestApp> {
    now = START;
    app = await startTestApp({ clock, policy });
    return app;
  }

  /** Opens the app with the page's clock set to the workstation's (it then runs in real time). */
  async function open(): Promise<WatchedPage> {
    const watched = await openPage(browser, 'about:blank');
    await watched.page.clock.install({ time: now });
    await watched.page.goto(app.host.url);
    return watched;
  }

  /** Time passes at the workstation (and on the page's clock); the session's timer fires. */
  async function pass(page: Page, ms: number): Promise<void> {
    now += ms;
    await page.clock.setSystemTime(now);
    app.workstation.session.tick();
  }

  /** Everything the page holds: its markup (attributes, hidden nodes, live regions), text and title. */
  function wholeDom(page: Page): Promise<string> {
    return page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: { documentElement: { outerHTML: string; innerText: string }; title: string };
        }
      ).document;
      return `${doc.title}\n${doc.documentElement.outerHTML}\n${doc.documentElement.innerText}`;
    });
  }

  it('locks after the idle time, keeps none of the names that were on screen, and unlocks to the same page', async () => {
    await start();
    await listDemoStaff(app);
    await app.test.cache.db
      .insertInto('staff')
      .values(
        syncedStaff.map((member, index) => ({
          id: `synced-${index}`,
          username: member.username,
          display_name: member.displayName,
          role: 'officer',
          active: 1 as const,
          version: 1,
        })),
      )
      .execute();
    const { page, problems, close } = await open();
    await signInThroughDirectory(page, app, 'admin.demo');
    await page.keyboard.press('6');
    const table = page.getByRole('grid', { name: 'Staff accounts' });
    await table.getByRole('row').filter({ hasText: 'Rosalind Achterberg' }).waitFor();

    // Every name on the Staff page but the signed-in administrator's own, which the lock screen shows.
    const names = [
      ...syncedStaff.flatMap((member) => [member.displayName, member.username]),
      'Officer Demo',
      'officer.demo',
      'Supervisor Demo',
      'supervisor.demo',
    ];
    const before = await wholeDom(page);
    for (const name of names) expect(before, `${name} is on the Staff page before the lock`).toContain(name);

    await pass(page, 5 * MIN);
    await page.getByRole('heading', lockHeading).waitFor();
    expect(
      await app.workstation.router.dispatch(
        { type: 'call', id: 1, channel: 'staff.list', request: {} },
        { sender: 'test' },
      ),
    ).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const after = await wholeDom(page);
    for (const name of names) expect(after, `${name} is still in the DOM after the lock`).not.toContain(name);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.title()).toBe('Locked · Sallyport');

    const panel = page.getByRole('region', { name: 'This workstation is locked' });
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('Administrator Demo');
    expect(text).toContain('Locked after a time with no input.');
    expect(await focused(page)).toBe('input[name=password]');
    expect(await page.getByLabel('Authenticator code').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'lock-screen-idle');

    await page.getByLabel('Password').fill('not the password');
    await page.keyboard.press('Enter');
    await panel.getByRole('alert').filter({ hasText: 'That password is not right.' }).waitFor();
    expect(await focused(page)).toBe('input[name=password]');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'lock-screen-refused');

    await page.getByLabel('Password').fill(app.test.account('admin.demo').password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/staff');
    // The page read its data again: the names are back.
    await table.getByRole('row').filter({ hasText: 'Rosalind Achterberg' }).waitFor();
    expect(app.workstation.session.view()).toMatchObject({ state: 'active', locksAt: null });
    expect(problems).toEqual([]);
    await close();
  });

  it('warns before the idle lock with a countdown, announced once, that input cancels', async () => {
    await start();
    app.workstation.session.begin(officer, { online: true });
    const { page, problems, close } = await open();
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    const warning = page.getByRole('region', { name: /^Locking in/ });
    const announcement = page.locator('#idle-warning-announcement').filter({ hasText: 'about to lock' });
    expect(await announcement.count()).toBe(0);

    await pass(page, 4.5 * MIN + 5000);
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(
      /^Locking in 2[0-5] s — move the mouse or press a key to stay signed in/,
    );
    expect(await announcement.textContent()).toBe(
      'This workstation is about to lock. Move the mouse or press a key to stay signed in.',
    );
    // The countdown runs; the announcement does not change with it.
    const seconds = async () => Number(/Locking in (\d+) s/.exec((await warning.textContent()) ?? '')?.[1]);
    const first = await seconds();
    await expect.poll(seconds, { timeout: 3000 }).toBeLessThan(first);
    expect(await announcement.count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'idle-warning');

    await page.keyboard.press('Shift');
    await warning.waitFor({ state: 'detached' });
    expect(await announcement.count()).toBe(0);
    expect(app.workstation.session.view()).toMatchObject({ state: 'active', locksAt: null });

    // Untouched, the warning comes back, and when it runs out the workstation locks.
    await pass(page, 4.5 * MIN + 5000);
    await warning.waitFor();
    await pass(page, 30_000);
    await page.getByRole('heading', lockHeading).waitFor();
    expect(app.workstation.session.view()).toMatchObject({ state: 'locked', reason: 'idle' });
    expect(problems).toEqual([]);
    await close();
  });

  it('locks on Ctrl+L and on the Lock button, lists Ctrl+L under ?, and "Not you?" signs out', async () => {
    await start();
    app.workstation.session.begin(officer, { online: true });
    const { page, problems, close } = await open();
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    await page.keyboard.press('?');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(await shortcuts.getByRole('row').filter({ hasText: 'Ctrl+L' }).textContent()).toContain(
      'Lock the workstation',
    );
    await page.keyboard.press('Escape');
    await shortcuts.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+l');
    await page.getByRole('heading', lockHeading).waitFor();
    expect(await page.getByText('Locked on request (Lock or Ctrl+L).').count()).toBe(1);
    expect(app.workstation.session.view()).toMatchObject({ state: 'locked', reason: 'requested' });

    await page.getByRole('button', { name: 'Not you? Sign out' }).click();
    await page.getByRole('button', { name: 'I understand and agree' }).waitFor();
    expect(app.workstation.session.view()).toMatchObject({ state: 'signed-out', ended: null });
    expect(await page.locator('.session-ended').count()).toBe(0);

    app.workstation.session.begin(officer, { online: true });
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'shell-with-lock-button');
    await page.getByRole('contentinfo').getByRole('button', { name: /^Lock/ }).click();
    await page.getByRole('heading', lockHeading).waitFor();
    expect(problems).toEqual([]);
    await close();
  });

  it("lets an administrator end a locked officer's session with their own credentials, and says so", async () => {
    await start();
    const { page, problems, close } = await open();
    await signInThroughDirectory(page, app, 'officer.demo');
    await page.keyboard.press('Control+l');
    await page.getByRole('heading', lockHeading).waitFor();

    await page.getByRole('button', { name: 'End this session (administrator)' }).click();
    const dialog = page.getByRole('dialog', { name: "End Officer Demo's session" });
    await dialog.waitFor();
    expect(await focused(page)).toBe('input[name=username]');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'lock-end-session');

    // Wrong credentials are refused in words; so are an officer's own, right ones.
    const submitted = async (username: string, password: string, code: string) => {
      await dialog.getByLabel('Administrator username').fill(username);
      await dialog.getByLabel('Password').fill(password);
      await dialog.getByRole('textbox', { name: 'Authenticator code' }).fill(code);
      await dialog.getByRole('button', { name: 'End the session' }).click();
    };
    const refusal = dialog.getByRole('alert').filter({ hasText: /./ });
    await submitted('admin.demo', 'not the password', '123456');
    await refusal.filter({ hasText: 'The username, password or code is not right.' }).waitFor();
    now += 30_000; // the officer's code from the sign-in is spent; a new one comes with the next step
    const own = app.test.account('officer.demo');
    await submitted(own.username, own.password, await app.test.totpFor(own.username));
    await refusal
      .filter({ hasText: "Only an administrator can end another officer's locked session." })
      .waitFor();
    expect(app.workstation.session.view().state).toBe('locked');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'lock-end-session-refused');

    const admin = app.test.account('admin.demo');
    await dialog.getByLabel('Administrator username').fill(admin.username);
    await dialog.getByLabel('Password').fill(admin.password);
    await dialog
      .getByRole('textbox', { name: 'Authenticator code' })
      .fill(await app.test.totpFor('admin.demo'));
    await dialog.getByRole('button', { name: 'End the session' }).click();
    const notice = page
      .getByRole('status')
      .filter({ hasText: 'An administrator ended the previous session while the workstation was locked.' });
    await notice.waitFor();
    expect(app.workstation.session.view()).toEqual({
      state: 'signed-out',
      bannerAcknowledged: false,
      ended: 'ended-by-administrator',
    });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-ended-by-administrator');
    // Still said on the form that follows the notice.
    await acceptBanner(page);
    expect(await notice.count()).toBe(1);
    expect(problems).toEqual([]);
    await close();
  });

  it('asks for the authenticator code too where policy says so', async () => {
    await start({ session: { unlockRequiresTotp: true } });
    app.workstation.session.begin(officer, { online: true });
    const { page, problems, close } = await open();
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    app.workstation.session.lock('system-lock');
    await page.getByRole('heading', lockHeading).waitFor();
    expect(await page.getByText("Locked because the computer's screen was locked.").count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Authenticator code' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'lock-screen-with-code');
    expect(problems).toEqual([]);
    await close();
  });

  it('says on the sign-in screen that a session reached its 12-hour limit', async () => {
    await start();
    app.workstation.session.begin(officer, { online: true });
    const { page, problems, close } = await open();
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    app.workstation.session.lock('requested');
    await page.getByRole('heading', lockHeading).waitFor();
    await pass(page, 12 * 60 * MIN);
    const notice = page
      .getByRole('status')
      .filter({ hasText: 'Your session reached its 12-hour limit. Sign in again.' });
    await notice.waitFor();
    await page.getByRole('button', { name: 'I understand and agree' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-session-limit');
    expect(problems).toEqual([]);
    await close();
  });
});
