// `POST /v1/mutations`: a workstation's outbox, as a JSON MutationBatch of at most 1 MiB.
// Every failure before the batch is applied is answered with nothing changed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeIssues } from '../../src-shared/policy/describe-issues';
import { MUTATION_BODY_LIMIT_BYTES } from '../../src-shared/protocol/endpoints';
import { MutationBatch } from '../../src-shared/protocol/mutations';
import type { MutationReply } from '../../src-shared/protocol/mutations';
import { applyMutationBatch } from './apply-mutation-batch';
import type { Fault } from './faults';
import { replyError, replyJson } from './http-replies';
import { readBody } from './read-body';
import type { ServiceContext } from './service-context';

export async function serveMutations(
  context: ServiceContext,
  request: IncomingMessage,
  response: ServerResponse,
  _url?: URL,
  fault: Fault | null = null,
): Promise<void> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    replyError(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the mutation batch as application/json.');
    return;
  }
  const body = await readBody(request, MUTATION_BODY_LIMIT_BYTES);
  if (body.outcome === 'aborted') return;
  if (body.outcome === 'too-large') {
    // The rest of the body is not read: the connection closes once this answer is out.
    replyError(
      response,
      413,
      'BODY_TOO_LARGE',
      `The mutation batch is larger than ${MUTATION_BODY_LIMIT_BYTES} bytes: send fewer mutations per batch.`,
      { connection: 'close' },
    );
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    replyError(response, 400, 'INVALID_JSON', 'The request body is not valid JSON.');
    return;
  }
  const batch = MutationBatch.safeParse(json);
  if (!batch.success) {
    replyError(
      response,
      400,
      'INVALID_MUTATION_BATCH',
      `The mutation batch is not valid: ${describeIssues(batch.error, 3).join('; ')}.`,
    );
    return;
  }
  const results = applyMutationBatch(context.store, batch.data, new Date());
  for (const result of results) context.tally[result.outcome] += 1;
  if (fault?.kind === 'drop-reply') {
    // Applied and remembered, but the answer is lost: the workstation must resend and get 'duplicate'.
    response.destroy();
    return;
  }
  const reply: MutationReply = { results };
  replyJson(response, 200, reply);
}
