// What any script in the page could send down the WebSocket: frames the router must refuse with
// a typed error, changing nothing. Sent from inside Chromium, over a second socket that carries
// the page's launch key, exactly as the page's own bridge would.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { sendRawFrames, tryConnect } from './support/in-page-socket';
import { ensureRendererBuilt } from './support/renderer-build';
import { startTestApp, unreachableDirectory, type TestApp } from './support/test-workstation';

const badFrames = [
  JSON.stringify({ type: 'call', id: 1, channel: 'auth.signIn', request: { username: 42 } }),
  JSON.stringify({ type: 'call', id: 2, channel: 'records.exportAll', request: {} }),
  '{"type":"call","id":3,"channel":',
  JSON.stringify({
    type: 'call',
    id: 4,
    channel: 'signin.acknowledgeBanner',
    request: { acknowledged: true },
  }),
  JSON.stringify({ type: 'call', id: 5, channel: 'session.current', request: {} }),
];

describe('requests the router refuses', () => {
  let browser: Browser;
  let app: TestApp;

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  afterEach(() => app?.close());

  for (const acknowledged of [false, true]) {
    it(`answers each with a typed error and changes nothing (banner ${acknowledged ? '' : 'not '}accepted)`, async () => {
      app = await startTestApp({ policy: unreachableDirectory });
      const { page, problems, close } = await openPage(browser, app.host.url);
      const accept = page.getByRole('button', { name: 'I understand and agree' });
      await accept.waitFor();
      if (acknowledged) {
        await accept.click();
        await page.getByLabel('Username').waitFor();
      }
      const before = app.workstation.session.view();
      expect(before).toEqual({ state: 'signed-out', bannerAcknowledged: acknowledged, ended: null });

      const replies = await sendRawFrames(page, ['sallyport.v1', `token.${app.host.token}`], badFrames);
      const byId = new Map(replies.map((reply) => [reply.id, reply]));

      const badPayload = byId.get(1);
      expect(badPayload?.ok).toBe(false);
      expect(badPayload?.error?.code).toBe('INVALID_REQUEST');
      expect(badPayload?.error?.message).toMatch(/^username: /);
      expect(byId.get(2)?.error?.code).toBe('UNKNOWN_CHANNEL');
      expect(byId.get(null)?.error?.code).toBe('BAD_MESSAGE');
      expect(byId.get(4)?.error?.code).toBe('INVALID_REQUEST');
      for (const reply of replies.filter((r) => !r.ok)) {
        // One sentence for a person; never a stack trace.
        expect(reply.error?.message).not.toMatch(/\n\s+at |Error:/);
      }
      expect(byId.get(5)).toEqual({ type: 'reply', id: 5, ok: true, value: before });
      expect(app.workstation.session.view()).toEqual(before);

      // The page itself carries on.
      const stillThere = acknowledged ? page.getByLabel('Username') : accept;
      expect(await stillThere.isVisible()).toBe(true);
      expect(problems).toEqual([]);
      await close();
    });
  }

  it('refuses a socket from the page without the launch key, or with a wrong one', async () => {
    app = await startTestApp({ policy: unreachableDirectory });
    const { page, close } = await openPage(browser, app.host.url);
    await page.getByRole('button', { name: 'I understand and agree' }).waitFor();

    expect(await tryConnect(page, ['sallyport.v1'])).toBe('refused');
    expect(await tryConnect(page, ['sallyport.v1', `token.${'0'.repeat(64)}`])).toBe('refused');
    expect(await tryConnect(page, ['sallyport.v1', `token.${app.host.token}`])).toBe('open');
    await close();
  });
});
