// The Electron main process entry: one instance, one hardened window, the app:// protocol, the
// IPC bridge to the router. Everything it wires comes from src-main/app; it stays thin.
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLog } from '../app/log';
import { loadPolicyFile, platformPolicyPath, PolicyError } from '../app/policy-file';
import { createWorkstation } from '../app/workstation';
import { appSchemePrivileges, registerAppProtocol } from './app-protocol';
import { installIpcBridge } from './ipc-bridge';
import { guardSession, guardWebContents } from './web-contents-guards';
import { APP_ENTRY, APP_ORIGIN, windowOptions } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = createLog();

/** A packaged build reads only the machine-wide policy: a user must not be able to point it elsewhere. */
function policyPath(): string {
  if (!app.isPackaged && process.env.SALLYPORT_POLICY) return process.env.SALLYPORT_POLICY;
  return platformPolicyPath();
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
  let policy;
  try {
    policy = loadPolicyFile(policyPath());
  } catch (error) {
    if (error instanceof PolicyError) fail('Sallyport cannot start', error.message);
    throw error;
  }
  const workstation = createWorkstation({ policy, host: 'electron', version: app.getVersion(), log });
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
