// The Electron main process entry: one instance, one hardened window, the app:// protocol, the
// IPC bridge to the router. Everything it wires comes from src-main/app; it stays thin.
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootWorkstation } from '../app/boot';
import { createLog } from '../app/log';
import { loadPolicyFile, platformPolicyPath, PolicyError } from '../app/policy-file';
import { createKeychain, DEFAULT_SERVICE } from '../keychain/keychain';
import { KeychainError } from '../keychain/keychain-error';
import { CacheError } from '../store/cache-error';
import { CACHE_FILE_NAME } from '../store/cache-path';
import { appSchemePrivileges, registerAppProtocol } from './app-protocol';
import { installIpcBridge } from './ipc-bridge';
import { guardSession, guardWebContents } from './web-contents-guards';
import { APP_ENTRY, APP_ORIGIN, windowOptions } from './window-options';

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
      keychain: createKeychain({ service: devOverride('SALLYPORT_KEYCHAIN_SERVICE') ?? DEFAULT_SERVICE }),
      cacheFile: devOverride('SALLYPORT_CACHE') ?? path.join(app.getPath('userData'), CACHE_FILE_NAME),
    });
  } catch (error) {
    // Each of these carries a sentence that says what to do; nothing else reaches the user.
    if (error instanceof PolicyError || error instanceof KeychainError || error instanceof CacheError) {
      fail('Sallyport cannot start', error.message);
    }
    throw error;
  }
  const { workstation } = booted;
  app.on('will-quit', () => void booted.close());
  registerAppProtocol(protocol, path.join(here, '..', 'renderer'));
  guardSession(session.defaultSession, APP_ORIGIN, policy.permissions);

  const window = new BrowserWindow(
    windowOptions({
      preloadPath: path.join(here, 'preload.cjs'),
      kiosk: policy.kiosk.enabled,
      packaged: app.isPackaged,
    }),
  );
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
