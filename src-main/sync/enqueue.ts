// Queueing a change: the mutation gets its id and time, is checked against its schema, applied
// to the cache optimistically, written to the outbox and audited, all in one transaction; so
// the officer sees the decision at once and it can never be in the cache without being queued.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors';
import { Mutation } from '../../src-shared/protocol/mutations';
import type { AuditTrail } from '../audit/audit-trail';
import type { Cache } from '../store/open-cache';
import { inTransaction } from './cache-access';
import type { LocalRecords } from './local-records';
import { auditActionOf, behaviourOf, LocalRefusal } from './mutation-kinds';
import type { Outbox } from './outbox';
import type { DecisionInput, MutationDraft } from './sync-api';

export interface QueueContext {
  readonly cache: Cache;
  readonly audit: AuditTrail;
  readonly outbox: Outbox;
  readonly records: LocalRecords;
  readonly now: Date;
}

/** Makes the mutation inside the transaction, from what the cache holds then. */
export type MutationMaker = (madeAt: string, id: string, records: LocalRecords) => Mutation;

export async function queueMutation(context: QueueContext, make: MutationMaker): Promise<Mutation> {
  const { now, records } = context;
  return inTransaction(context.cache, async (trx) => {
    const parsed = Mutation.safeParse(make(now.toISOString(), randomUUID(), records));
    if (!parsed.success) {
      throw new AppError(
        'INVALID_REQUEST',
        `This change cannot be sent: ${parsed.error.issues[0]?.message ?? 'it is not valid'}.`,
      );
    }
    const mutation = parsed.data;
    const behaviour = behaviourOf(mutation);
    let before: unknown;
    try {
      before = behaviour.applyOptimistic(records, mutation);
    } catch (error) {
      if (error instanceof LocalRefusal) throw new AppError('INVALID_REQUEST', error.message);
      throw error;
    }
    context.outbox.add(mutation, before, now);
    const action = auditActionOf(mutation);
    if (action) {
      const target = behaviour.target(mutation);
      await context.audit.append(
        {
          action,
          actor: mutation.actor,
          target: `${target.entity}:${target.recordId}`,
          outcome: 'success',
          details: { mutationId: mutation.id, kind: mutation.kind, queued: true, ...decisionFacts(mutation) },
        },
        trx,
      );
    }
    return mutation;
  });
}

/** A decision on the request as the cache holds it now: its version is the base the service checks. */
export function decisionMaker(input: DecisionInput): MutationMaker {
  return (madeAt, id, records) => {
    const cached = records.get(input.entity, input.recordId);
    if (!cached) {
      throw new AppError(
        'NOT_FOUND',
        "This request is not in the workstation's records (it may have been removed).",
      );
    }
    return {
      kind: 'decide',
      id,
      actor: input.actor,
      madeAt,
      entity: input.entity,
      recordId: input.recordId,
      baseVersion: cached.version,
      decision: input.decision,
      reason: input.reason,
    };
  };
}

/** Any other kind: the draft as given. */
export function draftMaker(draft: MutationDraft): MutationMaker {
  return (madeAt, id) => ({ ...draft, id, madeAt }) as Mutation;
}

function decisionFacts(mutation: Mutation): Record<string, unknown> {
  return mutation.kind === 'decide' ? { decision: mutation.decision, baseVersion: mutation.baseVersion } : {};
}
