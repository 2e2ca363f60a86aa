// The browser host: the built renderer and the same router the Electron preload reaches, served
// on 127.0.0.1 for the browser preview and the browser end-to-end tests. Never packaged.
// A WebSocket is accepted only from this server's own origin and only with the per-launch token,
// offered as the subprotocol `token.<hex>` next to `sallyport.v1`.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_REQUEST_BYTES, type ServerFrame } from '../../src-shared/contract';
import type { Workstation } from '../app/workstation';
import { rendererHeaders } from '../app/content-security';
import { readStaticFile } from '../app/static-files';

export const PROTOCOL = 'sallyport.v1';
const TOKEN_PREFIX = 'token.';

export interface HostServer {
  /** The page to open: the token rides in the fragment, which the browser never sends. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

export interface HostOptions {
  workstation: Workstation;
  rendererDir: string;
  port?: number;
  onConnectionCount?: (count: number) => void;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function sameToken(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function offeredToken(header: string | undefined): string | null {
  const offered = (header ?? '').split(',').map((p) => p.trim());
  const token = offered.find((p) => p.startsWith(TOKEN_PREFIX));
  return offered.includes(PROTOCOL) && token !== undefined ? token.slice(TOKEN_PREFIX.length) : null;
}

export async function startHost(options: HostOptions): Promise<HostServer> {
  const rendererDir = path.resolve(options.rendererDir);
  const token = randomBytes(32).toString('hex');
  let origin = '';
  let host = '';
  let headers: Record<string, string> = {};

  const server = http.createServer((req, res) => {
    // Refusing foreign Host headers defeats DNS rebinding against a loopback server.
    if (req.headers.host !== host) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method not allowed.\n');
      return;
    }
    const urlPath = new URL(req.url ?? '/', origin).pathname;
    void readStaticFile(rendererDir, urlPath).then((file) => {
      if (file === null) {
        res.writeHead(404, { 'content-type': 'text/plain', ...headers }).end('Not found.\n');
        return;
      }
      res.writeHead(200, { 'content-type': file.contentType, ...headers });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_REQUEST_BYTES + 1024,
    handleProtocols: () => PROTOCOL,
  });

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', origin);
    if (req.headers.host !== host || url.pathname !== '/ipc') return refuse(404, 'Not Found');
    if (req.headers.origin !== origin) return refuse(403, 'Forbidden');
    const offered = offeredToken(req.headers['sec-websocket-protocol']);
    if (offered === null || !sameToken(offered, token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  let nextSender = 1;
  wss.on('connection', (ws: WebSocket) => {
    const sender = `browser-${nextSender++}`;
    options.onConnectionCount?.(wss.clients.size);
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = options.workstation.subscribe((event, payload) =>
      send({ type: 'event', event, payload }),
    );
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      const frame = text === null ? null : parseJson(text);
      const size = text === null ? Number.POSITIVE_INFINITY : Buffer.byteLength(text);
      void options.workstation.router
        .dispatch(frame, { sender }, size)
        .then((result) => send({ type: 'reply', ...result }));
    });
    ws.on('close', () => {
      unsubscribe();
      options.onConnectionCount?.(wss.clients.size);
    });
    // A frame over maxPayload closes the socket with 1009; nothing reaches the router.
    ws.on('error', () => ws.terminate());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  headers = rendererHeaders([`ws://${host}`]);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
