// The one window's configuration, as a pure function so its hardening is unit-tested
// (Electron security checklist: no Node, context isolation, sandbox, web security, no webview).
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://sallyport`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export function windowOptions(options: {
  preloadPath: string;
  kiosk: boolean;
  packaged: boolean;
}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Sallyport',
    backgroundColor: '#0f1b2d',
    autoHideMenuBar: true,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    webPreferences: {
      preload: options.preloadPath,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !options.packaged,
    },
  };
}
