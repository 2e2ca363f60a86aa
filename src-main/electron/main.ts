// The Electron main process entry: one instance, one hardened window, the app:// protocol, the
// IPC bridge to the router. Everything it wires comes from src-main/app; it stays thin.
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootWorkstation } from '../app/boot';
import { isRecoverable, recoveryOffer, setAside } from '../app/cache-recovery';
import { createLog } from '../app/log';
import { loadPolicyFile, platformPolicyPath, PolicyError } from '../app/policy-file';
import { createKeychain, DEFAULT_SERVICE } from '../keychain/keychain';
import { KeychainError } from '../keychain/keychain-error';
import { CacheError } from '../store/cache-error';
import { CACHE_FILE_NAME } from '../store/cache-path';
import { appSchemePrivileges, registerAppProtocol } from './app-protocol';
import { protectWhileLocked } from './content-protection';
import { installIpcBridge } from './ipc-bridge';
import { guardKioskKeys } from './kiosk-keys';
import { watchPowerEvents } from './power-events';
import { guardSession, guardWebContents } from './web-contents-guards';
import { APP_ENTRY, APP_ORIGIN, createAppWindow } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = createLog();

/**
 * A packaged build reads only the machine-wide policy, its own cache and the 'Sallyport' keychain
 * entries: a user must not be able to point it elsewhere. Unpackaged (`npm start`), the demo
 * facility's are named by environment variables.
 */
function devOverride(name: string): string | undefined {
  return app.isPackaged ? undefined : process.env[name] || undefined;
}
function policyPath(): string {
  return devOverride('SALLYPORT_POLICY') ?? platformPolicyPath();
}

function fail(title: string, message: string): never {
  dialog.showErrorBox(title, message);
  app.exit(1);
  throw new Error(title);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, APP_ORIGIN));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

const keychain = createKeychain({ service: devOverride('SALLYPORT_KEYCHAIN_SERVICE') ?? DEFAULT_SERVICE });

/** Asks whether to set the unreadable cache aside and rebuild it; true when it was set aside. */
async function offerRebuild(error: CacheError, from: typeof keychain): Promise<boolean> {
  const offer = await recoveryOffer(error, from);
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Sallyport',
    message: offer.message,
    detail: offer.detail,
    buttons: ['Set aside and rebuild', 'Quit'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  if (response !== 0) return false;
  const moved = setAside(error);
  setAsideRecord = { renamedTo: path.basename(moved.file), unsentDecisions: offer.unsent };
  log.warn({ code: error.code }, 'cache set aside for a rebuild');
  return true;
}

/** What became of the last unreadable cache, to audit in the new one. */
let setAsideRecord: { renamedTo: string; unsentDecisions: number | null } | null = null;

async function start(): Promise<void> {
  const file = policyPath();
  let policy;
  let booted;
  try {
    policy = loadPolicyFile(file);
    booted = await bootWorkstation({
      policy,
      policyFile: file,
      host: 'electron',
      version: app.getVersion(),
      log,
      keychain,
      cacheFile: devOverride('SALLYPORT_CACHE') ?? path.join(app.getPath('userData'), CACHE_FILE_NAME),
    });
  } catch (error) {
    if (isRecoverable(error) && (await offerRebuild(error, keychain))) return start();
    // Each of these carries a sentence that says what to do; nothing else reaches the user.
    if (error instanceof PolicyError || error instanceof KeychainError || error instanceof CacheError) {
      fail('Sallyport cannot start', error.message);
    }
    throw error;
  }
  const { workstation } = booted;
  if (setAsideRecord !== null) {
    await workstation.audit.append({
      action: 'cache.set-aside',
      actor: 'system',
      outcome: 'success',
      details: setAsideRecord,
    });
    setAsideRecord = null;
  }
  app.on('will-quit', () => void booted.close());
  registerAppProtocol(protocol, path.join(here, '..', 'renderer'));
  guardSession(session.defaultSession, APP_ORIGIN, policy.permissions);

  const window = createAppWindow(BrowserWindow, {
    preloadPath: path.join(here, 'preload.cjs'),
    kiosk: policy.kiosk.enabled,
    packaged: app.isPackaged,
  });
  if (policy.kiosk.enabled) guardKioskKeys(window);
  const stopProtection = protectWhileLocked(window, workstation.session);
  const stopPowerEvents = watchPowerEvents({ powerMonitor, session: workstation.session });
  app.on('will-quit', () => {
    stopPowerEvents();
    stopProtection();
  });
  installIpcBridge({
    ipcMain,
    workstation,
    appOrigin: APP_ORIGIN,
    windows: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  });
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);
}
