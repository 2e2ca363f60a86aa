// Carries calls from the preload to the router and events back. Every call's sender is checked:
// it must be a frame of the app's own origin (senderFrame may be null when the frame is gone).
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { CallResult } from '../../src-shared/contract';
import type { Workstation } from '../app/workstation';
import { isAppUrl } from './web-contents-guards';

export const CALL_CHANNEL = 'sallyport:call';
export const EVENT_CHANNEL = 'sallyport:event';

export function senderIsApp(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, appOrigin: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && isAppUrl(frame.url, appOrigin);
}

export function installIpcBridge(options: {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  workstation: Workstation;
  appOrigin: string;
  windows: () => readonly Pick<WebContents, 'send' | 'isDestroyed'>[];
}): () => void {
  const { ipcMain, workstation, appOrigin } = options;
  ipcMain.handle(CALL_CHANNEL, async (event, frame: unknown): Promise<{ id: number | null } & CallResult> => {
    if (!senderIsApp(event, appOrigin)) {
      return {
        id: null,
        ok: false,
        error: { code: 'FORBIDDEN', message: 'This page may not use Sallyport.' },
      };
    }
    return workstation.router.dispatch(frame, { sender: `window-${event.sender.id}` });
  });
  const unsubscribe = workstation.subscribe((name, payload) => {
    for (const contents of options.windows()) {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { type: 'event', event: name, payload });
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
