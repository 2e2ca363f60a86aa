// Serves the built renderer under app://sallyport/ instead of file://, with the renderer's
// Content-Security-Policy on every response.
import type { Protocol } from 'electron';
import { rendererHeaders } from '../app/content-security';
import { readStaticFile } from '../app/static-files';
import { APP_SCHEME } from './window-options';

export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false },
};

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  const headers = rendererHeaders([]);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'sallyport' || request.method !== 'GET') {
      return new Response('Not found.', { status: 404 });
    }
    const file = await readStaticFile(rendererDir, url.pathname);
    if (file === null) return new Response('Not found.', { status: 404, headers });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...headers, 'content-type': file.contentType },
    });
  });
}
