// The Electron shell's configuration and handlers, exercised against stand-ins of the Electron
// API (the binary cannot run on this machine; the `_electron` suite covers the real one).
import type { BrowserWindowConstructorOptions } from 'electron';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { afterEach } from 'vitest';
import { startTestWorkstation, type TestWorkstation } from '../test-support/test-workstation';
import { registerAppProtocol } from './app-protocol';
import { CALL_CHANNEL, EVENT_CHANNEL, installIpcBridge, senderIsApp } from './ipc-bridge';
import { guardSession, guardWebContents, isAppUrl } from './web-contents-guards';
import { APP_ORIGIN, createAppWindow, type AppWindowOptions } from './window-options';

/** Electron's BrowserWindow as far as the window's options go: it keeps what it was made with. */
class StandInWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}
const made = (options: AppWindowOptions) => createAppWindow(StandInWindow, options).options;

describe('window options', () => {
  const options = made({ preloadPath: '/app/preload.cjs', kiosk: false, packaged: true });

  it('follows the Electron security checklist', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    // No Blink feature switched on, by name or by default.
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('has no devtools in a packaged build, and kiosk mode only when policy asks', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    expect(made({ preloadPath: 'p', kiosk: false, packaged: false }).webPreferences?.devTools).toBe(true);
    expect(options.kiosk).toBe(false);
    expect(made({ preloadPath: 'p', kiosk: true, packaged: true })).toMatchObject({
      kiosk: true,
      fullscreen: true,
    });
  });
});

describe('the app:// protocol', () => {
  it("serves the renderer with its Content-Security-Policy (script-src 'self', nothing inline or remote)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sallyport-renderer-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Sallyport</title>');
    type Handler = (request: { url: string; method: string }) => Promise<Response>;
    let handler: Handler | undefined;
    registerAppProtocol({ handle: (_scheme: string, h: Handler) => (handler = h) } as never, dir);
    try {
      const page = await handler?.({ url: `${APP_ORIGIN}/index.html`, method: 'GET' });
      expect(page?.status).toBe(200);
      const csp = page?.headers.get('content-security-policy') ?? '';
      expect(csp.split('; ')).toEqual(
        expect.arrayContaining([
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "object-src 'none'",
        ]),
      );
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      const missing = await handler?.({ url: `${APP_ORIGIN}/nothing.js`, method: 'GET' });
      expect(missing?.status).toBe(404);
      expect(missing?.headers.get('content-security-policy')).toBe(csp);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

class StandInContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function fire(contents: StandInContents, event: string, url?: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('web contents guards', () => {
  it('keeps navigation inside the app and refuses new windows and webviews', () => {
    const contents = new StandInContents();
    guardWebContents(contents as never, APP_ORIGIN);
    expect(fire(contents, 'will-navigate', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(fire(contents, 'will-navigate', 'https://example.com/')).toBe(true);
    expect(fire(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire(contents, 'will-navigate', 'app://sallyport.evil/')).toBe(true);
    expect(fire(contents, 'will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(fire(contents, 'will-attach-webview')).toBe(true);
    expect(contents.openHandler?.({ url: `${APP_ORIGIN}/x` })).toEqual({ action: 'deny' });
  });

  it('recognises only the exact app origin', () => {
    expect(isAppUrl('app://sallyport/index.html', APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://other/index.html', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('not a url', APP_ORIGIN)).toBe(false);
  });

  it('denies every permission unless policy enables it, and then only to the app', () => {
    type RequestHandler = (c: { getURL(): string }, p: string, cb: (ok: boolean) => void) => void;
    type CheckHandler = (c: unknown, p: string, origin: string) => boolean;
    const handlers: { request?: RequestHandler; check?: CheckHandler } = {};
    const session = {
      setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
      setPermissionCheckHandler: (h: CheckHandler) => (handlers.check = h),
    };
    const ask = (permission: string, url = `${APP_ORIGIN}/index.html`) => {
      let granted: boolean | undefined;
      handlers.request?.({ getURL: () => url }, permission, (ok) => (granted = ok));
      return granted;
    };
    guardSession(session as never, APP_ORIGIN, { notifications: false });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(ask(permission)).toBe(false);
      expect(handlers.check?.(null, permission, APP_ORIGIN)).toBe(false);
    }
    guardSession(session as never, APP_ORIGIN, { notifications: true });
    expect(ask('notifications')).toBe(true);
    expect(ask('notifications', 'https://example.com/')).toBe(false);
    expect(ask('media')).toBe(false);
  });
});

describe('IPC bridge', () => {
  let current: TestWorkstation | undefined;
  afterEach(async () => {
    await current?.close();
  });
  async function setup() {
    const handlers = new Map<string, (event: unknown, frame: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, handler: (event: unknown, frame: unknown) => Promise<unknown>) =>
        handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    };
    const sent: unknown[] = [];
    const window = { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => false };
    current = await startTestWorkstation({ host: 'electron' });
    const workstation = current.workstation;
    const uninstall = installIpcBridge({
      ipcMain: ipcMain as never,
      workstation,
      appOrigin: APP_ORIGIN,
      windows: () => [window],
    });
    const invoke = (senderFrame: { url: string } | null, frame: unknown) =>
      handlers.get(CALL_CHANNEL)?.({ senderFrame, sender: { id: 1 } }, frame);
    return { handlers, sent, invoke, uninstall };
  }
  const frame = { type: 'call', id: 3, channel: 'signin.acknowledgeBanner', request: {} };

  it('answers calls from the app page and forwards events to its windows', async () => {
    const { invoke, sent } = await setup();
    await expect(invoke({ url: `${APP_ORIGIN}/index.html` }, frame)).resolves.toMatchObject({
      id: 3,
      ok: true,
    });
    expect(sent).toEqual([
      [
        EVENT_CHANNEL,
        {
          type: 'event',
          event: 'session.changed',
          payload: { state: 'signed-out', bannerAcknowledged: true, ended: null },
        },
      ],
    ]);
  });

  it('refuses a sender from another origin or a frame that is gone, without reaching the router', async () => {
    const { invoke, sent } = await setup();
    for (const sender of [{ url: 'https://example.com/' }, { url: 'file:///tmp/x.html' }, null]) {
      await expect(invoke(sender, frame)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(sent).toEqual([]);
    expect(senderIsApp({ senderFrame: null }, APP_ORIGIN)).toBe(false);
  });

  it('removes its handler and stops forwarding when uninstalled', async () => {
    const { handlers, uninstall } = await setup();
    uninstall();
    expect(handlers.has(CALL_CHANNEL)).toBe(false);
  });
});
