// The rules for deciding a visit or contact request: the record must exist, the decider must have
// seen its current version, it must still be pending, and a banned visitor is never approved.
import { entitySchemas } from '../../src-shared/domain/records';
import type { ContactRequest, VisitRequest } from '../../src-shared/domain/records';
import { describeIssues } from '../../src-shared/policy/describe-issues';
import type { Mutation, MutationResult } from '../../src-shared/protocol/mutations';
import type { RecordStore } from './record-store';

export type DecideMutation = Extract<Mutation, { kind: 'decide' }>;

const entityLabels = { visitRequest: 'visit request', contactRequest: 'contact request' } as const;

function rejected(mutation: DecideMutation, reason: string): MutationResult {
  return { id: mutation.id, outcome: 'rejected', reason };
}

/** Applies one decision inside the caller's transaction and says what became of it. */
export function decideRequest(store: RecordStore, mutation: DecideMutation): MutationResult {
  const label = `The ${entityLabels[mutation.entity]} ${mutation.recordId}`;
  const current = store.get(mutation.entity, mutation.recordId);
  if (!current || current.deleted)
    return rejected(mutation, `${label} does not exist at the records service.`);

  // A stale base version is a conflict even when the request was since decided: the client gets
  // the current record and can show the officer what changed.
  if (current.version !== mutation.baseVersion) {
    return {
      id: mutation.id,
      outcome: 'conflict',
      entity: mutation.entity,
      current: current.data,
      currentVersion: current.version,
    };
  }

  const schema = entitySchemas[mutation.entity];
  const request: VisitRequest | ContactRequest = schema.parse(current.data);
  if (request.status !== 'pending') {
    const by = request.decidedBy ? ` by ${request.decidedBy}` : '';
    return rejected(mutation, `${label} was already ${request.status}${by}; it can no longer be decided.`);
  }
  if (mutation.decision === 'approved') {
    const visitor = store.get('visitor', request.visitorId)?.data;
    if (visitor !== null && visitor !== undefined && entitySchemas.visitor.parse(visitor).banned) {
      return rejected(
        mutation,
        `${label} cannot be approved: visitor ${request.visitorId} is banned from the facility.`,
      );
    }
  }

  const decided = schema.safeParse({
    ...request,
    status: mutation.decision,
    decidedBy: mutation.actor,
    decidedAt: mutation.madeAt,
    reason: mutation.reason,
  });
  if (!decided.success) {
    return rejected(
      mutation,
      `${label} cannot take this decision: ${describeIssues(decided.error, 3).join('; ')}.`,
    );
  }
  const written = store.upsert(mutation.entity, decided.data);
  return { id: mutation.id, outcome: 'applied', version: written.version };
}
