// The Staff screen (administrators): the list with MFA and lockout states, releasing a lockout,
// resetting MFA after a confirmation, and refusals in words.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../src-shared/contract';
import { axeViolations, focused, launchBrowser, openPage, screenshot } from './support/browser';
import { sendRawFrames } from './support/in-page-socket';
import { ensureRendererBuilt } from './support/renderer-build';
import { listDemoStaff, officer, startTestApp, type TestApp } from './support/test-workstation';

const demoAdministrator: Officer = {
  username: 'admin.demo',
  displayName: 'Administrator Demo',
  role: 'administrator',
};

describe('the Staff screen', () => {
  let browser: Browser;
  let app: TestApp;

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(() => app?.close());

  it('issues an enrolment code to a username the list does not show yet (a new hire)', async () => {
    app = await startTestApp();
    app.workstation.session.begin(demoAdministrator, { online: true });
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    await page.keyboard.press('6');
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await page.getByLabel('Someone not listed? Their directory username').fill('supervisor.demo');
    await page.getByRole('button', { name: 'Issue enrolment code' }).last().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    const code = /[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(text)?.[0];
    expect(code).toBeDefined();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-issue-by-username');
    const mfa = await app.test.cache.db
      .selectFrom('staff_mfa')
      .selectAll()
      .where('username', '=', 'supervisor.demo')
      .executeTakeFirstOrThrow();
    expect(mfa.state).toBe('code-issued');
    expect(JSON.stringify(mfa)).not.toContain(code!);
    expect(problems).toEqual([]);
    await close();
  });

  it('lists staff with their MFA and lockout, releases a lockout and resets MFA', async () => {
    app = await startTestApp();
    await listDemoStaff(app);
    // Five failures lock the demo officer out, as at the sign-in screen.
    for (let attempt = 0; attempt < 5; attempt++)
      await app.workstation.signIn.lockout.recordFailure('officer.demo');
    app.workstation.session.begin(demoAdministrator, { online: true });
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    await page.keyboard.press('6');
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    expect(await page.title()).toBe('Staff · Sallyport');
    const table = page.getByRole('grid', { name: 'Staff accounts' });
    await table.waitFor();

    const officerRow = table.getByRole('row').filter({ hasText: 'officer.demo' });
    const newcomerRow = table.getByRole('row').filter({ hasText: 'supervisor.demo' });
    expect(await officerRow.textContent()).toContain('Enrolled');
    expect(await officerRow.textContent()).toContain('Locked outsince');
    expect(await officerRow.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-/);
    expect(await newcomerRow.textContent()).toContain('Not enrolled');
    expect(await newcomerRow.textContent()).toContain('Never');
    // Only the actions that apply: no code for the enrolled, no release for the unlocked.
    expect(await officerRow.getByRole('button').allTextContents()).toEqual(['Reset MFA', 'Release lockout']);
    expect(await newcomerRow.getByRole('button').allTextContents()).toEqual(['Issue enrolment code']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff');

    await officerRow.getByRole('button', { name: 'Release lockout for Officer Demo' }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'Lockout released for Officer Demo.' });
    await outcome.waitFor();
    await officerRow.filter({ hasText: 'Not locked' }).waitFor();
    expect((await app.workstation.signIn.lockout.status('officer.demo')).locked).toBe(false);
    // The Release button is gone; focus went to the outcome, not to the top of the page.
    await expect.poll(() => focused(page)).toMatch(/^p:/);
    expect(await axeViolations(page)).toEqual([]);

    await officerRow.getByRole('button', { name: 'Reset MFA for Officer Demo' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Reset MFA for Officer Demo?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('will need a new enrolment code');
    // The safe choice has focus.
    expect(await focused(page)).toBe('button:Cancel');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-reset-mfa');
    await confirm.getByRole('button', { name: 'Reset MFA' }).click();
    await page.getByRole('status').filter({ hasText: 'MFA reset for Officer Demo.' }).waitFor();
    await officerRow.filter({ hasText: 'Not enrolled' }).waitFor();
    expect(await officerRow.getByRole('button').allTextContents()).toEqual(['Issue enrolment code']);

    expect(problems).toEqual([]);
    await close();
  });

  it('says in words when an action is refused', async () => {
    let refuse = false;
    // The real workstation, except that while `refuse` is set the lockout release fails as main would.
    app = await startTestApp({
      workstation: (real) => ({
        ...real,
        router: {
          dispatch(frame, context, size) {
            const call = frame as { id?: number; channel?: string };
            if (refuse && call.channel === 'staff.releaseLockout') {
              return Promise.resolve({
                id: call.id ?? null,
                ok: false as const,
                error: { code: 'NOT_FOUND' as const, message: 'officer.demo is not locked out.' },
              });
            }
            return real.router.dispatch(frame, context, size);
          },
        },
      }),
    });
    await listDemoStaff(app);
    for (let attempt = 0; attempt < 5; attempt++)
      await app.workstation.signIn.lockout.recordFailure('officer.demo');
    app.workstation.session.begin(demoAdministrator, { online: true });
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('link', { name: /^Staff/ }).click();
    const officerRow = page.getByRole('row').filter({ hasText: 'officer.demo' });
    await officerRow.waitFor();

    refuse = true;
    await officerRow.getByRole('button', { name: 'Release lockout for Officer Demo' }).click();
    await page.getByRole('alert').filter({ hasText: 'officer.demo is not locked out.' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-refused');
    expect(problems).toEqual([]);
    await close();
  });

  it('is not in the rail of an officer, and main refuses its channel', async () => {
    app = await startTestApp();
    app.workstation.session.begin(officer, { online: true });
    const { page, problems, close } = await openPage(browser, app.host.url);
    await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();
    expect(await page.getByRole('link', { name: /^Staff/ }).count()).toBe(0);
    // Asked for anyway, from inside the page, as any script in it could.
    const [reply] = await sendRawFrames(
      page,
      ['sallyport.v1', `token.${app.host.token}`],
      [JSON.stringify({ type: 'call', id: 1, channel: 'staff.list', request: {} })],
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(problems).toEqual([]);
    await close();
  });
});
