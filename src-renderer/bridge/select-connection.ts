// Chooses how the renderer reaches main: the Electron preload's `window.sallyport` when it is
// there, else the browser host's WebSocket, authorised by the launch token.
import { createClient, type Bridge, type Client } from '../../src-shared/contract';
import { takeLaunchToken } from './launch-token';
import { connectWebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in the browser preview. */
    readonly sallyport?: Bridge;
  }
}

export interface Connection {
  readonly client: Client;
  /** Called when the connection to the app is lost; returns the unsubscribe function. */
  onLost(listener: () => void): () => void;
}

/** Null when neither a preload nor a launch token is there: the page was not opened by Sallyport. */
export function selectConnection(win: Window): Connection | null {
  const token = takeLaunchToken(win);
  if (win.sallyport !== undefined) {
    // The preload's bridge lives as long as the window: it is never lost.
    return { client: createClient(win.sallyport), onLost: () => () => undefined };
  }
  if (token === null) return null;
  const bridge = connectWebSocketBridge(`ws://${win.location.host}/ipc`, token);
  return { client: createClient(bridge), onLost: bridge.onLost };
}
