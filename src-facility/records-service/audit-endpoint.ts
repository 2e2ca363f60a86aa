// `POST /v1/audit`: workstations deliver their audit trails here, where they are kept (CJIS
// AU-11). Each event is kept once by its hash; a resend after a lost answer is a duplicate.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeIssues } from '../../src-shared/policy/describe-issues';
import { AuditBatch } from '../../src-shared/protocol/audit';
import type { AuditReply } from '../../src-shared/protocol/audit';
import type { Fault } from './faults';
import { replyError, replyJson } from './http-replies';
import { readJsonBody } from './json-body';
import type { ServiceContext } from './service-context';

export async function serveAudit(
  context: ServiceContext,
  request: IncomingMessage,
  response: ServerResponse,
  _url?: URL,
  fault: Fault | null = null,
): Promise<void> {
  const body = await readJsonBody(request, response, { batch: 'audit batch', items: 'events' });
  if (!body) return;
  const batch = AuditBatch.safeParse(body.json);
  if (!batch.success) {
    replyError(
      response,
      400,
      'INVALID_AUDIT_BATCH',
      `The audit batch is not valid: ${describeIssues(batch.error, 3).join('; ')}.`,
    );
    return;
  }
  const results = context.store.storeAuditEvents(batch.data.events, new Date());
  if (fault?.kind === 'drop-reply') {
    response.destroy();
    return;
  }
  const reply: AuditReply = { results };
  replyJson(response, 200, reply);
}
