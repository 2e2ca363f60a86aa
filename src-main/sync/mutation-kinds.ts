// What each kind of outbox mutation does to the cache while it waits for the records service,
// and what the officer is told when the service says no. The table is typed over the protocol's
// Mutation union: adding a kind to src-shared/protocol/mutations.ts does not compile until it
// has an entry here (a kind with no local effect uses `noLocalEffect`).
import type { ContactRequest, VisitRequest } from '../../src-shared/domain/records';
import { entitySchemas } from '../../src-shared/domain/records';
import type { Mutation } from '../../src-shared/protocol/mutations';
import type { AuditAction } from '../audit/audit-actions';
import type { LocalRecords } from './local-records';

export type MutationKind = Mutation['kind'];
export type MutationOf<K extends MutationKind> = Extract<Mutation, { kind: K }>;

/** The service's refusal, as the outbox keeps it. */
export type Refusal =
  | { readonly outcome: 'conflict'; readonly current: unknown; readonly currentVersion: number }
  | { readonly outcome: 'rejected'; readonly reason: string };

/** Why a mutation cannot even be queued: the cache does not hold what it is about. */
export class LocalRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalRefusal';
  }
}

export interface MutationBehaviour<M extends Mutation> {
  /** What the mutation is about, for the outbox row (and "a decision is waiting" on screens). */
  target(mutation: M): { readonly entity: string; readonly recordId: string };
  /** How the audit trail names this change (queued, and refused); null: audited elsewhere. */
  readonly auditAction: AuditAction | ((mutation: M) => AuditAction) | null;
  /**
   * Applies the change to the cache as if the service had taken it, inside the caller's
   * transaction; returns the record as it was, to put back if the service refuses (null: nothing
   * changed locally). Throws LocalRefusal when the change makes no sense against the cache.
   */
  applyOptimistic(records: LocalRecords, mutation: M): unknown;
  /** After the feed rewrote the record: put the change back on top while its base still holds. */
  reapply(records: LocalRecords, mutation: M): void;
  /**
   * After a refusal: the cache takes the service's record (a conflict) or the record as it was
   * (`before`, a rejection), unless the feed has already brought something newer.
   */
  rollBack(records: LocalRecords, mutation: M, refusal: Refusal, before: unknown): void;
  /** One sentence for the officer: who decided first and when, or why the service refused. */
  describe(
    mutation: M,
    refusal: Refusal,
  ): { readonly message: string; readonly decidedBy: string | null; readonly decidedAt: string | null };
}

type Decide = MutationOf<'decide'>;
type Decidable = VisitRequest | ContactRequest;

const labels = { visitRequest: 'visit request', contactRequest: 'contact request' } as const;
const decisionWords = { approved: 'approved', denied: 'denied', cancelled: 'cancelled' } as const;

function decided(record: Decidable, mutation: Decide): Decidable {
  return {
    ...record,
    status: mutation.decision,
    decidedBy: mutation.actor,
    decidedAt: mutation.madeAt,
    reason: mutation.reason,
  };
}

const decide: MutationBehaviour<Decide> = {
  target: (mutation) => ({ entity: mutation.entity, recordId: mutation.recordId }),
  auditAction: (mutation) =>
    mutation.entity === 'visitRequest' ? 'visit-request.decide' : 'contact-request.decide',

  applyOptimistic(records, mutation) {
    const label = labels[mutation.entity];
    const cached = records.get(mutation.entity, mutation.recordId);
    if (!cached)
      throw new LocalRefusal(`This ${label} is not in the workstation's records (it may have been removed).`);
    if (cached.version !== mutation.baseVersion) {
      throw new LocalRefusal(`This ${label} changed since it was opened: look at it again before deciding.`);
    }
    if (cached.record.status !== 'pending') {
      const by = cached.record.decidedBy ? ` by ${cached.record.decidedBy}` : '';
      throw new LocalRefusal(`This ${label} was already ${cached.record.status}${by}.`);
    }
    records.put(mutation.entity, decided(cached.record, mutation), cached.version);
    return cached.record;
  },

  reapply(records, mutation) {
    const cached = records.get(mutation.entity, mutation.recordId);
    if (cached && cached.version === mutation.baseVersion && cached.record.status === 'pending') {
      records.put(mutation.entity, decided(cached.record, mutation), cached.version);
    }
  },

  rollBack(records, mutation, refusal, before) {
    const cached = records.get(mutation.entity, mutation.recordId);
    // The feed already brought a newer version than the one decided on: it is the truth.
    if (cached && cached.version > mutation.baseVersion && refusal.outcome === 'rejected') return;
    if (refusal.outcome === 'conflict') {
      const current = entitySchemas[mutation.entity].safeParse(refusal.current);
      if (current.success && (!cached || refusal.currentVersion >= cached.version)) {
        records.put(mutation.entity, current.data, refusal.currentVersion);
        return;
      }
      if (cached && cached.version > mutation.baseVersion) return;
    }
    const previous = entitySchemas[mutation.entity].safeParse(before);
    if (previous.success) records.put(mutation.entity, previous.data, mutation.baseVersion);
  },

  describe(mutation, refusal) {
    const label = labels[mutation.entity];
    const yours = `Your decision (${decisionWords[mutation.decision]}) on ${label} ${mutation.recordId}`;
    if (refusal.outcome === 'rejected') {
      return {
        message: `${yours} was refused by the records service: ${refusal.reason}`,
        decidedBy: null,
        decidedAt: null,
      };
    }
    const current = entitySchemas[mutation.entity].safeParse(refusal.current);
    if (current.success && current.data.status !== 'pending' && current.data.decidedBy) {
      const when = current.data.decidedAt ?? 'an unknown time';
      return {
        message: `${current.data.decidedBy} ${current.data.status} this ${label} first, at ${when}. ${yours} was not applied.`,
        decidedBy: current.data.decidedBy,
        decidedAt: current.data.decidedAt,
      };
    }
    return {
      message: `This ${label} changed at the records service before your decision arrived. ${yours} was not applied: look at it again.`,
      decidedBy: null,
      decidedAt: null,
    };
  },
};

/** For a kind that changes nothing in the cache (an MFA enrolment travels only to the service). */
export function noLocalEffect<M extends Mutation>(
  target: (mutation: M) => { entity: string; recordId: string },
  what: string,
): MutationBehaviour<M> {
  return {
    target,
    auditAction: null,
    applyOptimistic: () => null,
    reapply: () => undefined,
    rollBack: () => undefined,
    describe: (_mutation, refusal) => ({
      message:
        refusal.outcome === 'rejected'
          ? `The records service refused ${what}: ${refusal.reason}`
          : `The records service did not take ${what}: the record changed there first.`,
      decidedBy: null,
      decidedAt: null,
    }),
  };
}

export const mutationKinds: { readonly [K in MutationKind]: MutationBehaviour<MutationOf<K>> } = {
  decide,
  // The enrolment is already in this workstation's staff_mfa; it travels to reach the others.
  'set-enrolment': noLocalEffect(
    (m) => ({ entity: 'staffEnrolment', recordId: m.username }),
    'an MFA enrolment',
  ),
};

export function behaviourOf<M extends Mutation>(mutation: M): MutationBehaviour<M> {
  return mutationKinds[mutation.kind as MutationKind] as unknown as MutationBehaviour<M>;
}

export function auditActionOf(mutation: Mutation): AuditAction | null {
  const action = behaviourOf(mutation).auditAction;
  return typeof action === 'function' ? action(mutation) : action;
}
