// The Inmates screen against the real records service on 127.0.0.1: the workstation syncs a
// generated facility into its encrypted cache, and an officer signed in through the demo directory
// finds a real inmate by family name and by booking number, opens the record (audited: who looked
// at whom), and reads housing, contacts and visits. Also: the initial-sync progress bar during a
// 'medium' sync held on purpose by the service, the status bar's online/offline word as the service
// stops and starts again on the same port and database, and the lock dropping every name on
// screen, then unlocking back to the same record.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultHook } from '../src-facility';
import { axeViolations, focused, launchBrowser, openPage, screenshot } from './support/browser';
import {
  initialSyncDone,
  inmatesOnFile,
  startTestFacility,
  SYNC_TIMEOUT,
  wellDocumentedInmate,
  type TestFacility,
} from './support/facility-records';
import { ensureRendererBuilt } from './support/renderer-build';
import { signInThroughDirectory } from './support/sign-in-steps';
import { startTestApp, type TestApp } from './support/test-workstation';

describe('the Inmates screen', () => {
  let browser: Browser;
  let app: TestApp | undefined;
  let facility: TestFacility | undefined;

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(async () => {
    await app?.close();
    await facility?.close();
    app = undefined;
    facility = undefined;
  });

  async function start(size: 'small' | 'medium', faults?: FaultHook): Promise<TestApp> {
    facility = await startTestFacility({ size, seed: 11, ...(faults === undefined ? {} : { faults }) });
    app = await startTestApp({ records: facility.records });
    return app;
  }

  const searchField = (page: Page) => page.getByRole('searchbox', { name: 'Search inmates' });
  const results = (page: Page) => page.getByRole('grid', { name: 'Inmates found' });
  const statusBar = (page: Page) => page.getByRole('contentinfo');

  async function readsOf(app: TestApp, inmateId: string) {
    return app.test.cache.db
      .selectFrom('audit')
      .select(['actor', 'action', 'target', 'outcome'])
      .where('action', '=', 'inmate.read')
      .where('target', '=', `inmate:${inmateId}`)
      .execute();
  }

  it('shows visit times in the facility’s time zone, not the workstation’s', async () => {
    // A zone far from this machine's own, so the two clocks cannot agree by chance.
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const zone = own === 'Asia/Tokyo' ? 'America/Chicago' : 'Asia/Tokyo';
    facility = await startTestFacility({ size: 'small', seed: 11 });
    app = await startTestApp({
      records: facility.records,
      policy: { facility: { id: 'rcdc', name: 'Riverside County Detention Center', timeZone: zone } },
    });
    await initialSyncDone(app);
    const { inmate } = wellDocumentedInmate(facility.service, new Date());
    const { page, problems, close } = await openPage(browser, app.host.url);
    await signInThroughDirectory(page, app, 'officer.demo');
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/inmates/${id}`;
    }, inmate.id);

    const slot = page.getByRole('table', { name: 'Upcoming visits' }).locator('time').first();
    await slot.waitFor();
    const startsAt = new Date((await slot.getAttribute('datetime'))!);
    const clock = (timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }).format(startsAt);
    const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(clock(zone)).not.toBe(clock(browserZone));
    expect(await slot.textContent()).toContain(`, ${clock(zone)}–`);
    expect(problems).toEqual([]);
    await close();
  });

  it('finds a real inmate by family name and by booking number, and opens the record (audited)', async () => {
    const app = await start('small');
    await initialSyncDone(app);
    const wanted = wellDocumentedInmate(facility!.service, new Date());
    const { inmate, unit } = wanted;
    const { page, problems, close } = await openPage(browser, app.host.url);
    await signInThroughDirectory(page, app, 'officer.demo');
    await statusBar(page).getByText('Online').waitFor();
    expect(await statusBar(page).textContent()).toMatch(/Records serviceOnlineSynced \d\d:\d\d/);

    // The rail's key 3 opens the section on its search field.
    await page.keyboard.press('3');
    await page.getByRole('heading', { level: 1, name: 'Inmates' }).waitFor();
    expect(await searchField(page).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    // Typed as a person types: the list follows the keys.
    await page.keyboard.type(inmate.lastName, { delay: 30 });
    const row = results(page).getByRole('row').filter({ hasText: inmate.bookingNumber });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    const initial = inmate.middleName === null ? '' : ` ${inmate.middleName.charAt(0)}.`;
    expect(rowText).toContain(`${inmate.lastName}, ${inmate.firstName}${initial}`);
    expect(rowText).toContain(`${unit!.code} · ${inmate.cell}`);
    expect(rowText).toContain('In custody');
    expect(await page.getByRole('status').filter({ hasText: /match/ }).textContent()).toMatch(
      /^1 inmate matches\.$|^\d+ inmates match\.$/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'inmates-search-by-name');

    // Down moves from the field into the list; Enter opens the inmate in focus.
    await page.keyboard.press('ArrowDown');
    const rows = results(page).getByRole('row');
    const position = (await rows.allTextContents()).findIndex((text) => text.includes(inmate.bookingNumber));
    for (let step = 1; step < position; step++) await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toContain(inmate.bookingNumber);
    await page.keyboard.press('Enter');

    const fullName = `${inmate.lastName}, ${inmate.firstName}${inmate.middleName === null ? '' : ` ${inmate.middleName}`}`;
    await page.getByRole('heading', { level: 1, name: fullName }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/inmates/${inmate.id}`);
    expect(await focused(page)).toBe(`h1:${fullName}`);
    expect(await page.title()).toBe('Inmates · Sallyport');
    const main = page.getByRole('main');
    const record = (await main.textContent()) ?? '';
    for (const part of [inmate.bookingNumber, 'In custody', unit!.code, unit!.name, inmate.cell!])
      expect(record).toContain(part);
    const contacts = page.getByRole('table', { name: /^Approved contacts/ });
    for (const name of wanted.contactNames) expect(await contacts.textContent()).toContain(name);
    expect(await contacts.getByRole('row').count()).toBe(wanted.contactNames.length + 1);
    const upcoming = page.getByRole('table', { name: 'Upcoming visits' });
    expect(await upcoming.textContent()).toContain(wanted.upcomingVisitors[0]);
    const recent = page.getByRole('table', { name: 'Recent visits' });
    expect(await recent.getByRole('row').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'inmate-record');
    await page.getByRole('heading', { level: 2, name: 'Upcoming visits' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'inmate-record-visits');

    // Main wrote who looked at whom, once for this opening.
    expect(await readsOf(app, inmate.id)).toEqual([
      { actor: 'officer.demo', action: 'inmate.read', target: `inmate:${inmate.id}`, outcome: 'success' },
    ]);

    // Back to the list as it was, on the row of the inmate just read.
    await page.getByRole('button', { name: 'Back to search' }).click();
    await row.waitFor();
    expect(await searchField(page).inputValue()).toBe(inmate.lastName);
    expect(await focused(page)).toContain(inmate.bookingNumber);

    // By booking number: Enter in the field opens the first inmate found.
    await searchField(page).focus();
    await page.keyboard.press('Escape');
    expect(await searchField(page).inputValue()).toBe('');
    await page.keyboard.type(inmate.bookingNumber, { delay: 30 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: fullName }).waitFor();
    expect(await readsOf(app, inmate.id)).toHaveLength(2);

    // Esc goes back too; a housing unit's code lists the people housed there.
    await page.keyboard.press('Escape');
    await searchField(page).fill(unit!.code);
    await results(page).getByRole('row').filter({ hasText: inmate.bookingNumber }).first().waitFor();
    const housing = await results(page).getByRole('row').allTextContents();
    expect(housing.slice(1).every((text) => text.includes(`${unit!.code} · `))).toBe(true);

    // Nothing found says so in words.
    await searchField(page).fill('Qzxwv');
    await page.getByRole('heading', { name: 'No inmate matches “Qzxwv”.' }).waitFor();
    expect(await results(page).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'inmates-no-match');
    expect(problems).toEqual([]);
    await close();
  });

  it("shows the initial sync's progress during a 'medium' sync, and searches meanwhile", async () => {
    // The first page of the feed goes through; the next ones answer 503 (come back in a minute)
    // until the test lets them through, so the sync is held part way for as long as it looks.
    let holding = true;
    let feedRequests = 0;
    const app = await start('medium', (request) => {
      if (request.path !== '/v1/changes') return null;
      feedRequests += 1;
      return holding && feedRequests > 1 ? { kind: 'status', status: 503, retryAfter: '60' } : null;
    });
    await expect
      .poll(() => app.workstation.sync.getStatus(), { timeout: SYNC_TIMEOUT, interval: 100 })
      .toMatchObject({ phase: 'retrying', initial: { done: false } });
    const { received, expected } = app.workstation.sync.getStatus().initial!;
    expect(expected).toBe(facility!.service.store.recordCount());
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(expected!);

    const { page, problems, close } = await openPage(browser, app.host.url);
    await signInThroughDirectory(page, app, 'officer.demo');
    const progress = page.getByRole('progressbar', { name: 'Loading facility records' });
    await progress.waitFor();
    const count = new Intl.NumberFormat('en-US');
    const percent = Math.floor((received / expected!) * 100);
    expect(await page.getByRole('region', { name: 'Initial sync' }).textContent()).toContain(
      `Loading facility records: ${count.format(received)} of ${count.format(expected!)}${percent}%`,
    );
    expect(await progress.getAttribute('aria-valuetext')).toBe(
      `${count.format(received)} of ${count.format(expected!)} records (${percent}%)`,
    );
    expect(await progress.getAttribute('aria-valuenow')).toBe(String(received));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'initial-sync-progress');

    // The records that are in can be searched already; the page says the list may be incomplete.
    await page.keyboard.press('3');
    await searchField(page).waitFor();
    // Inmates come early in the feed (after the facility, its units and staff): in the first page.
    const somebody = inmatesOnFile(facility!.service, new Date()).find(
      ({ inmate }) => inmate.status === 'in-custody',
    )!.inmate;
    await searchField(page).fill(somebody.lastName);
    await results(page).getByRole('row').filter({ hasText: somebody.bookingNumber }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain(
      `Results may be incomplete: the first sync has loaded ${count.format(received)} of ${count.format(expected!)} records so far.`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'inmates-during-initial-sync');

    // Let the feed through and ask at once: the bar goes when the last page is in.
    holding = false;
    await statusBar(page).getByRole('button', { name: 'Sync now' }).click();
    await progress.waitFor({ state: 'detached', timeout: SYNC_TIMEOUT });
    await statusBar(page).getByText('Online').waitFor();
    expect(app.workstation.sync.getStatus()).toMatchObject({ online: true, initial: { done: true } });
    expect(await page.getByText('Results may be incomplete').count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('says Offline when the records service stops, why when asked, and Online when it is back', async () => {
    const app = await start('small');
    await initialSyncDone(app);
    const { page, problems, close } = await openPage(browser, app.host.url);
    await signInThroughDirectory(page, app, 'officer.demo');
    const connection = statusBar(page).locator('.connection');
    await expect.poll(() => connection.textContent()).toBe('Online');
    expect(await connection.getAttribute('class')).toContain('connection-online');
    expect(await statusBar(page).textContent()).toContain('Outbox0 waiting');

    await facility!.stop();
    await expect.poll(() => connection.textContent(), { timeout: SYNC_TIMEOUT }).toBe('Offline');
    expect(await connection.getAttribute('class')).toContain('connection-offline');
    // The last sync stays said; a short note opens the sentence from main.
    expect(await statusBar(page).textContent()).toMatch(/OfflineSynced \d\d:\d\d/);
    const problem = statusBar(page).getByRole('button', { name: /^(Retrying \d\d:\d\d|Problem)$/ });
    await problem.click();
    const why = page.getByRole('dialog', { name: 'The records service is offline' });
    await why.waitFor();
    const sentence = app.workstation.sync.getStatus().error;
    expect(sentence).not.toBeNull();
    expect(await why.textContent()).toContain(sentence!);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'records-service-offline');
    await page.keyboard.press('Escape');
    await why.waitFor({ state: 'detached' });

    // The same service comes back on the same port and database: the workstation finds it by
    // itself on its next retry (a few seconds of backoff at most after so short an outage).
    await facility!.restart();
    await expect.poll(() => connection.textContent(), { timeout: SYNC_TIMEOUT }).toBe('Online');
    expect(await problem.count()).toBe(0);
    // Sync now is an icon in the bar: its name shows as a tooltip on keyboard focus (on hover too,
    // once the mouse has been pressed in the window: React Aria's rule).
    await statusBar(page).getByRole('button', { name: 'Sync now' }).focus();
    await page.getByRole('tooltip').filter({ hasText: 'Sync now' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'records-service-back-online');
    expect(problems).toEqual([]);
    await close();
  });

  it('keeps no inmate name in the page once locked, and unlocks back to the same record', async () => {
    const app = await start('small');
    await initialSyncDone(app);
    const wanted = wellDocumentedInmate(facility!.service, new Date());
    const { inmate } = wanted;
    const { page, problems, close } = await openPage(browser, app.host.url);
    await signInThroughDirectory(page, app, 'officer.demo');
    // '/' goes to the inmate search from anywhere.
    await page.keyboard.press('/');
    await page.getByRole('heading', { level: 1, name: 'Inmates' }).waitFor();
    expect(await searchField(page).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type(inmate.bookingNumber);
    await page.keyboard.press('Enter');
    const fullName = `${inmate.lastName}, ${inmate.firstName}${inmate.middleName === null ? '' : ` ${inmate.middleName}`}`;
    const heading = page.getByRole('heading', { level: 1, name: fullName });
    await heading.waitFor();

    // The record lists the twenty nearest visits each way.
    const names = [
      inmate.lastName,
      inmate.firstName,
      ...(inmate.middleName === null ? [] : [inmate.middleName]),
      ...wanted.contactNames,
      ...wanted.upcomingVisitors.slice(0, 20),
      ...wanted.recentVisitors.slice(0, 20),
    ];
    const before = await wholeDom(page);
    for (const name of names) expect(before, `${name} is on the record before the lock`).toContain(name);

    await page.keyboard.press('Control+l');
    await page.getByRole('heading', { level: 1, name: 'This workstation is locked' }).waitFor();
    const after = await wholeDom(page);
    for (const name of names) expect(after, `${name} is still in the DOM after the lock`).not.toContain(name);
    expect(after).not.toContain(inmate.bookingNumber);
    expect(new URL(page.url()).hash).toBe(`#/inmates/${inmate.id}`);

    await page.getByLabel('Password').fill(app.test.account('officer.demo').password);
    await page.keyboard.press('Enter');
    await heading.waitFor();
    expect(new URL(page.url()).hash).toBe(`#/inmates/${inmate.id}`);
    // Shown again, so read (and audited) again.
    expect(await readsOf(app, inmate.id)).toHaveLength(2);
    expect(problems).toEqual([]);
    await close();
  });
});

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
