// Reads a JSON request body of at most MUTATION_BODY_LIMIT_BYTES, answering the refusals itself
// (415, 413, 400): the endpoints that take a JSON batch share one way of saying no.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MUTATION_BODY_LIMIT_BYTES } from '../../src-shared/protocol/endpoints';
import { replyError } from './http-replies';
import { readBody } from './read-body';

/** The parsed body, or undefined when the request was already answered (or the client left). */
export async function readJsonBody(
  request: IncomingMessage,
  response: ServerResponse,
  what: { readonly batch: string; readonly items: string },
): Promise<{ json: unknown } | undefined> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    replyError(response, 415, 'UNSUPPORTED_MEDIA_TYPE', `Send the ${what.batch} as application/json.`);
    return undefined;
  }
  const body = await readBody(request, MUTATION_BODY_LIMIT_BYTES);
  if (body.outcome === 'aborted') return undefined;
  if (body.outcome === 'too-large') {
    // The rest of the body is not read: the connection closes once this answer is out.
    replyError(
      response,
      413,
      'BODY_TOO_LARGE',
      `The ${what.batch} is larger than ${MUTATION_BODY_LIMIT_BYTES} bytes: send fewer ${what.items} per batch.`,
      { connection: 'close' },
    );
    return undefined;
  }
  try {
    return { json: JSON.parse(body.text) as unknown };
  } catch {
    replyError(response, 400, 'INVALID_JSON', 'The request body is not valid JSON.');
    return undefined;
  }
}
