// The Bridge over the browser host's WebSocket. Calls made before the socket opens wait for it;
// when the connection is lost every pending call, and every later one, answers DISCONNECTED.
import {
  MAX_REQUEST_BYTES,
  type Bridge,
  type CallError,
  type CallFrame,
  type CallResult,
} from '../../src-shared/contract';
import { parseServerFrame } from './server-frame';

export const PROTOCOL = 'sallyport.v1';

export interface WebSocketBridge extends Bridge {
  /** Called once, when the connection to the app is lost. Returns the unsubscribe function. */
  onLost(listener: () => void): () => void;
}

const disconnected: CallError = {
  code: 'DISCONNECTED',
  message: 'The workstation lost its connection to the Sallyport app.',
};

function failed(error: CallError): CallResult {
  return { ok: false, error };
}

export function connectWebSocketBridge(url: string, token: string): WebSocketBridge {
  const socket = new WebSocket(url, [PROTOCOL, `token.${token}`]);
  const pending = new Map<number, (result: CallResult) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const lostListeners = new Set<() => void>();
  const waiting: string[] = [];
  let nextId = 1;
  let lost = false;

  socket.addEventListener('open', () => {
    for (const text of waiting.splice(0)) socket.send(text);
  });

  socket.addEventListener('message', (message) => {
    const frame = parseServerFrame(message.data);
    if (frame === null) return;
    if (frame.type === 'event') {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      return;
    }
    if (frame.id === null) return;
    const resolve = pending.get(frame.id);
    pending.delete(frame.id);
    resolve?.(frame.ok ? { ok: true, value: frame.value } : failed(frame.error));
  });

  socket.addEventListener('close', () => {
    if (lost) return;
    lost = true;
    waiting.length = 0;
    for (const resolve of pending.values()) resolve(failed(disconnected));
    pending.clear();
    for (const listener of lostListeners) listener();
  });

  return {
    invoke(channel, request) {
      if (lost) return Promise.resolve(failed(disconnected));
      const id = nextId++;
      const frame: CallFrame = { type: 'call', id, channel, request };
      let text: string;
      try {
        text = JSON.stringify(frame);
      } catch {
        return Promise.resolve(failed({ code: 'BAD_MESSAGE', message: 'That request could not be sent.' }));
      }
      if (new Blob([text]).size > MAX_REQUEST_BYTES) {
        return Promise.resolve(failed({ code: 'TOO_LARGE', message: 'That request is too large to send.' }));
      }
      return new Promise<CallResult>((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
        else waiting.push(text);
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    onLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
  };
}
