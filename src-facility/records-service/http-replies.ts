// How the records service answers: JSON bodies, and errors as `{ error: { code, message } }`
// with a stable code and a sentence a person can act on; never a stack trace.
import type { ServerResponse } from 'node:http';
import type { ServiceErrorCode } from '../../src-shared/protocol/service-error-codes';

const commonHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function replyJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...commonHeaders,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function replyError(
  response: ServerResponse,
  status: number,
  code: ServiceErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  replyJson(response, status, { error: { code, message } }, headers);
}

export { commonHeaders };
