// The outbox across an outage of the records service (issue 5): an officer enrols an
// authenticator at first sign-in while the service is down; the enrolment waits in the
// workstation's outbox, the status bar says so, and it reaches the service by itself once the
// service is back on the same port and database.
import type { Browser, Page } from 'playwright-core';
import { generateSync } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordStore } from '../src-facility';
import { axeViolations, launchBrowser, openPage, screenshot } from './support/browser';
import {
  initialSyncDone,
  startTestFacility,
  SYNC_TIMEOUT,
  type TestFacility,
} from './support/facility-records';
import { ensureRendererBuilt } from './support/renderer-build';
import { beginEnrolment, signInThroughDirectory, signOut } from './support/sign-in-steps';
import { startTestApp, type TestApp } from './support/test-workstation';

// After an outage the sync retries with backoff that grows up to a minute: wait past that.
const RETURN_TIMEOUT = 70_000;

/** The staffEnrolment records the service holds, by username. */
function enrolmentsAt(store: RecordStore): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  for (const row of store.liveRecords())
    if (row.entity === 'staffEnrolment') found[row.id] = JSON.parse(row.data) as unknown;
  return found;
}

describe('the outbox across a records service outage', () => {
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

  const statusBar = (page: Page) => page.getByRole('contentinfo');

  it(
    'keeps an enrolment made while the service is down, and delivers it once the service is back',
    async () => {
      facility = await startTestFacility({ size: 'small', seed: 11 });
      app = await startTestApp({ records: facility.records });
      const ws = app;
      const service = facility;
      await initialSyncDone(ws);
      const newcomer = ws.test.account('supervisor.demo');
      const enrolmentsBefore = service.read(enrolmentsAt);
      const mutationsBefore = service.read((store) => store.mutationCount());
      expect(enrolmentsBefore[newcomer.username]).toBeUndefined();

      // The administrator signs in while the service is up.
      const { page, problems, close } = await openPage(browser, ws.host.url);
      const connection = statusBar(page).locator('.connection');
      await signInThroughDirectory(page, ws, 'admin.demo');
      await expect.poll(() => connection.textContent()).toBe('Online');
      expect(await statusBar(page).textContent()).toContain('Outbox0 waiting');

      // The records service stops.
      await service.stop();
      await expect.poll(() => connection.textContent(), { timeout: SYNC_TIMEOUT }).toBe('Offline');

      // Offline, the administrator issues the newcomer an enrolment code on the Staff screen.
      await page.keyboard.press('6');
      await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
      await page.getByLabel('Someone not listed? Their directory username').fill(newcomer.username);
      await page.getByRole('button', { name: 'Issue enrolment code' }).last().click();
      // Not in the synced staff list, so the dialog names them by username.
      const dialog = page.getByRole('dialog', { name: `Enrolment code for ${newcomer.username}` });
      await dialog.waitFor();
      const enrolmentCode = /[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(
        (await dialog.textContent()) ?? '',
      )?.[0];
      expect(enrolmentCode).toBeDefined();
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached' });
      // Issuing a code stays on this workstation: nothing for the service yet.
      expect(await statusBar(page).textContent()).toContain('Outbox0 waiting');
      await signOut(page);

      // The newcomer's first sign-in: enrolment code, then the authenticator's first code.
      await beginEnrolment(page, newcomer, enrolmentCode!);
      const secret = ((await page.locator('.totp-key').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
      await page.getByLabel('Code from your authenticator app').fill(generateSync({ secret }));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByRole('heading', { level: 1, name: 'Store your recovery codes' }).waitFor();
      await page.getByRole('button', { name: 'I have stored my recovery codes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Visit requests' }).waitFor();

      // The enrolment waits in the outbox, and the status bar says one change is waiting.
      await expect.poll(() => connection.textContent()).toBe('Offline');
      await expect.poll(() => statusBar(page).textContent()).toContain('Outbox1 waiting');
      const waiting = await ws.test.cache.db.selectFrom('outbox').selectAll().execute();
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({
        kind: 'set-enrolment',
        entity: 'staffEnrolment',
        record_id: newcomer.username,
        actor: newcomer.username,
        status: 'pending',
      });
      const mutation = JSON.parse(waiting[0]!.mutation) as { totpSecret: string; changedAt: string };
      expect(mutation.totpSecret).toBe(secret);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'outbox-waiting-offline');
      // The service, read from its stopped database, does not have it.
      expect(service.read(enrolmentsAt)).toEqual(enrolmentsBefore);
      expect(service.read((store) => store.mutationCount())).toBe(mutationsBefore);

      // The service comes back on the same port and database; the workstation finds it by itself.
      await service.restart();
      await expect.poll(() => connection.textContent(), { timeout: RETURN_TIMEOUT }).toBe('Online');
      await expect
        .poll(() => statusBar(page).textContent(), { timeout: SYNC_TIMEOUT })
        .toContain('Outbox0 waiting');

      // The service now holds exactly that enrolment, applied once.
      expect(service.read(enrolmentsAt)).toEqual({
        ...enrolmentsBefore,
        [newcomer.username]: {
          id: newcomer.username,
          username: newcomer.username,
          totpSecret: secret,
          changedAt: mutation.changedAt,
        },
      });
      expect(service.read((store) => store.get('staffEnrolment', newcomer.username)?.version)).toBe(1);
      expect(service.read((store) => store.mutationCount())).toBe(mutationsBefore + 1);
      expect(await ws.test.cache.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
      // And it came back down the change feed into this workstation's cache.
      await expect
        .poll(
          () =>
            ws.test.cache.db
              .selectFrom('staff_enrolment')
              .select(['username', 'totp_secret', 'changed_at'])
              .where('id', '=', newcomer.username)
              .executeTakeFirst(),
          { timeout: SYNC_TIMEOUT },
        )
        .toEqual({ username: newcomer.username, totp_secret: secret, changed_at: mutation.changedAt });
      expect(problems).toEqual([]);
      await close();
    },
    RETURN_TIMEOUT + 60_000,
  );
});
