// A second WebSocket opened from inside the page, as any script in it could: it sends raw frames
// and collects what the host answers. The page has the DOM; this test program's types do not,
// so the little it uses is described here.
import type { Page } from 'playwright-core';

interface PageSocket {
  send(text: string): void;
  close(): void;
  addEventListener(
    type: 'open' | 'close' | 'error' | 'message',
    listener: (event: { data?: unknown }) => void,
  ): void;
}
type PageGlobals = {
  WebSocket: new (url: string, protocols: string[]) => PageSocket;
  location: { host: string };
};

export interface RawReply {
  type: 'reply';
  id: number | null;
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** Opens a socket with these subprotocols, sends each frame, and returns one reply per frame. */
export function sendRawFrames(page: Page, protocols: string[], frames: string[]): Promise<RawReply[]> {
  return page.evaluate(
    async ({ protocols, frames }) => {
      const g = globalThis as unknown as PageGlobals;
      const socket = new g.WebSocket(`ws://${g.location.host}/ipc`, protocols);
      await new Promise<void>((resolve, reject) => {
        socket.addEventListener('open', () => resolve());
        socket.addEventListener('close', () => reject(new Error('the host refused the connection')));
      });
      const replies: RawReply[] = [];
      await new Promise<void>((resolve) => {
        socket.addEventListener('message', (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string };
          if (frame.type === 'reply') replies.push(frame as RawReply);
          if (replies.length === frames.length) resolve();
        });
        for (const frame of frames) socket.send(frame);
      });
      socket.close();
      return replies;
    },
    { protocols, frames },
  );
}

/** Whether the host accepts a socket offering these subprotocols: 'open' or 'refused'. */
export function tryConnect(page: Page, protocols: string[]): Promise<'open' | 'refused'> {
  return page.evaluate(async (protocols) => {
    const g = globalThis as unknown as PageGlobals;
    const socket = new g.WebSocket(`ws://${g.location.host}/ipc`, protocols);
    return new Promise<'open' | 'refused'>((resolve) => {
      socket.addEventListener('open', () => {
        socket.close();
        resolve('open');
      });
      socket.addEventListener('close', () => resolve('refused'));
    });
  }, protocols);
}
