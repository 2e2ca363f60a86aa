// The browser host's doors: what it serves, to whom, and which WebSockets it lets in. A real
// workstation behind a real server on 127.0.0.1, spoken to with Node's http and the ws client,
// which can send what a browser would refuse to (a foreign Origin or Host, a raw path).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_REQUEST_BYTES } from '../../src-shared/contract';
import type { Workstation } from '../app/workstation';
import { startTestWorkstation, type TestWorkstation } from '../test-support/test-workstation';
import { PROTOCOL, startHost, type HostServer } from './host-server';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path is sent exactly as given, and the Host header can be anything. */
function request(host: HostServer, rawPath: string, options: { method?: string; hostHeader?: string } = {}) {
  const { port } = new URL(host.origin);
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: { host: options.hostHeader ?? `127.0.0.1:${port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface SocketOptions {
  protocols?: string[];
  origin?: string;
  hostHeader?: string;
  path?: string;
}

/** Opens a socket; resolves with it once open, or with the HTTP status the host refused it with. */
function connect(host: HostServer, options: SocketOptions = {}): Promise<WebSocket | number> {
  const url = `${host.origin.replace(/^http/, 'ws')}${options.path ?? '/ipc'}`;
  const socket = new WebSocket(url, options.protocols ?? [PROTOCOL, `token.${host.token}`], {
    origin: options.origin ?? host.origin,
    headers: options.hostHeader === undefined ? {} : { host: options.hostHeader },
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) =>
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
  );
}

function closeCode(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code: number) => resolve(code)));
}

describe('the browser host', () => {
  let root: string;
  let rendererDir: string;
  let workstation: Workstation;
  let testWorkstation: TestWorkstation;
  let host: HostServer;
  /** Every frame that reached the router, by channel. */
  let dispatched: string[];

  beforeAll(async () => {
    // A renderer folder of its own, with a secret just outside it that must never be served.
    root = await mkdtemp(path.join(os.tmpdir(), 'sallyport-host-'));
    rendererDir = path.join(root, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sallyport</title>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
    await writeFile(path.join(root, 'package.json'), '{"secret": true}');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  beforeEach(async () => {
    dispatched = [];
    testWorkstation = await startTestWorkstation();
    workstation = testWorkstation.workstation;
    const real = workstation.router;
    host = await startHost({
      workstation: {
        ...workstation,
        router: {
          dispatch(frame, context, size) {
            dispatched.push(String((frame as { channel?: unknown } | null)?.channel));
            return real.dispatch(frame, context, size);
          },
        },
      },
      rendererDir,
    });
  });
  afterEach(async () => {
    await host.close();
    await testWorkstation.close();
  });

  describe('over HTTP', () => {
    it('serves the renderer on 127.0.0.1 under a strict CSP, the token only in the fragment', async () => {
      expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
      expect(host.token).toMatch(/^[0-9a-f]{64}$/);

      const page = await request(host, '/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<title>Sallyport</title>');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = page.headers['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain(`connect-src ${host.origin.replace(/^http/, 'ws')}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect((await request(host, '/assets/app.js')).status).toBe(200);
    });

    it('refuses a foreign Host header with 421 (DNS rebinding)', async () => {
      for (const hostHeader of ['evil.example', 'localhost', `evil.example:${new URL(host.origin).port}`]) {
        const answer = await request(host, '/', { hostHeader });
        expect(answer.status).toBe(421);
        expect(answer.body).not.toContain('Sallyport');
      }
    });

    it('answers 404 to any path that leaves the renderer folder', async () => {
      for (const rawPath of [
        '/../package.json',
        '/assets/../../package.json',
        '/%2e%2e/package.json',
        '/%2E%2E%2Fpackage.json',
        '/..%2fpackage.json',
        '/assets/%2e%2e/%2e%2e/package.json',
        '/%00index.html',
        '/%zz',
        '/assets',
        '/missing.js',
      ]) {
        const answer = await request(host, rawPath);
        expect({ rawPath, status: answer.status }).toEqual({ rawPath, status: 404 });
        expect(answer.body).not.toContain('secret');
      }
    });

    it('refuses methods other than GET and HEAD', async () => {
      expect((await request(host, '/', { method: 'POST' })).status).toBe(405);
      expect((await request(host, '/', { method: 'PUT' })).status).toBe(405);
    });
  });

  describe('over WebSocket', () => {
    it('accepts its own origin with the token, and never echoes the token back', async () => {
      const socket = await connect(host);
      expect(socket).toBeInstanceOf(WebSocket);
      if (!(socket instanceof WebSocket)) return;
      expect(socket.protocol).toBe(PROTOCOL);
      socket.send(JSON.stringify({ type: 'call', id: 7, channel: 'app.info', request: {} }));
      expect(await nextMessage(socket)).toMatchObject({ type: 'reply', id: 7, ok: true });
      socket.close();
    });

    it('refuses a socket without the token, with a wrong token, or without the protocol', async () => {
      expect(await connect(host, { protocols: [PROTOCOL] })).toBe(401);
      expect(await connect(host, { protocols: [PROTOCOL, `token.${'0'.repeat(64)}`] })).toBe(401);
      expect(await connect(host, { protocols: [PROTOCOL, `token.${host.token.slice(0, 63)}`] })).toBe(401);
      expect(await connect(host, { protocols: [`token.${host.token}`] })).toBe(401);
      expect(dispatched).toEqual([]);
    });

    it('refuses a socket from another origin, even with the right token', async () => {
      for (const origin of ['http://evil.example', 'http://localhost:' + new URL(host.origin).port, 'null']) {
        expect(await connect(host, { origin })).toBe(403);
      }
      expect(dispatched).toEqual([]);
    });

    it('refuses a socket with a foreign Host header or on another path', async () => {
      expect(await connect(host, { hostHeader: 'evil.example' })).toBe(404);
      expect(await connect(host, { path: '/' })).toBe(404);
      expect(await connect(host, { path: '/ipc/../ipc2' })).toBe(404);
    });

    it('closes the socket on a frame over the limit; the frame never reaches the router', async () => {
      const socket = await connect(host);
      if (!(socket instanceof WebSocket)) throw new Error(`refused with ${socket}`);
      const closed = closeCode(socket);
      const request = { username: 'x'.repeat(MAX_REQUEST_BYTES + 4096), password: '' };
      socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'auth.signIn', request }));
      expect(await closed).toBe(1009);
      expect(dispatched).toEqual([]);
      expect(workstation.session.view()).toEqual({
        state: 'signed-out',
        bannerAcknowledged: false,
        ended: null,
      });
    });

    it('refuses a frame just over the request limit with TOO_LARGE, before any route runs', async () => {
      const socket = await connect(host);
      if (!(socket instanceof WebSocket)) throw new Error(`refused with ${socket}`);
      const padding = 'x'.repeat(MAX_REQUEST_BYTES);
      socket.send(
        JSON.stringify({ type: 'call', id: 2, channel: 'signin.acknowledgeBanner', request: { padding } }),
      );
      expect(await nextMessage(socket)).toEqual({
        type: 'reply',
        id: null,
        ok: false,
        error: { code: 'TOO_LARGE', message: expect.any(String) },
      });
      expect(workstation.session.view()).toEqual({
        state: 'signed-out',
        bannerAcknowledged: false,
        ended: null,
      });
      socket.close();
    });

    it('refuses a binary frame (the protocol is JSON text), and stays up', async () => {
      const socket = await connect(host);
      if (!(socket instanceof WebSocket)) throw new Error(`refused with ${socket}`);
      socket.send(Buffer.from([1, 2, 3]));
      expect(await nextMessage(socket)).toMatchObject({ type: 'reply', id: null, ok: false });
      socket.send(JSON.stringify({ type: 'call', id: 3, channel: 'session.current', request: {} }));
      expect(await nextMessage(socket)).toMatchObject({ id: 3, ok: true });
      socket.close();
    });

    it('sends session.changed to every connected page', async () => {
      const first = await connect(host);
      const second = await connect(host);
      if (!(first instanceof WebSocket) || !(second instanceof WebSocket)) throw new Error('refused');
      const events = [nextMessage(first), nextMessage(second)];
      workstation.session.acknowledgeBanner();
      for (const event of await Promise.all(events)) {
        expect(event).toEqual({
          type: 'event',
          event: 'session.changed',
          payload: { state: 'signed-out', bannerAcknowledged: true, ended: null },
        });
      }
      first.close();
      second.close();
    });
  });
});
