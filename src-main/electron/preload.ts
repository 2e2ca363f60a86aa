// The preload: exposes only the minimal Bridge of src-shared/contract as `window.sallyport`.
// Raw ipcRenderer never reaches the page. Built as CommonJS: sandboxed preloads cannot be ESM.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge, CallResult } from '../../src-shared/contract';

const CALL_CHANNEL = 'sallyport:call';
const EVENT_CHANNEL = 'sallyport:event';
let nextId = 1;

const bridge: Bridge = {
  async invoke(channel, request) {
    const reply = (await ipcRenderer.invoke(CALL_CHANNEL, {
      type: 'call',
      id: nextId++,
      channel,
      request,
    })) as { id: number | null } & CallResult;
    return reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reply.error };
  },
  subscribe(event, listener) {
    const handler = (_e: IpcRendererEvent, frame: { event: string; payload: unknown }) => {
      if (frame.event === event) listener(frame.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('sallyport', bridge);
