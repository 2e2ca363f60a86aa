// Reads a request body up to a limit. Past the limit it stops keeping bytes, so an oversized or
// endless body costs the service no memory, and the caller answers 413.
import type { IncomingMessage } from 'node:http';

export type BodyRead =
  | { readonly outcome: 'read'; readonly text: string }
  | { readonly outcome: 'too-large' }
  /** The client went away before sending it all: there is no one to answer. */
  | { readonly outcome: 'aborted' };

export function readBody(request: IncomingMessage, limitBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > limitBytes) return Promise.resolve({ outcome: 'too-large' });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: BodyRead) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) finish({ outcome: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ outcome: 'read', text: Buffer.concat(chunks).toString('utf8') });
    const onClose = () => finish({ outcome: 'aborted' });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    // A reset connection also emits 'error'; 'close' follows it and settles the read.
    request.on('error', () => undefined);
  });
}
