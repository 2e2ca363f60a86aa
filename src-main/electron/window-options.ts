// The one window, made in one place with its options written out as a literal, so that both its
// unit test (with a stand-in constructor) and Electronegativity read the real hardening
// (Electron security checklist: no Node, context isolation, sandbox, web security, no webview).
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://sallyport`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export interface AppWindowOptions {
  preloadPath: string;
  kiosk: boolean;
  packaged: boolean;
}

/** Makes the app's window; `BrowserWindow` is Electron's constructor (a stand-in in tests). */
export function createAppWindow<W>(BrowserWindow: WindowConstructor<W>, options: AppWindowOptions): W {
  return new BrowserWindow({
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
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !options.packaged,
    },
  });
}
