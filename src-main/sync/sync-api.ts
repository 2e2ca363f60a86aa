// What the composition root and the screens get from the sync: createSync's options, the Sync
// it returns, and the shapes of a queued decision. The engine itself is sync-engine.ts.
import type { ContactRequest, VisitRequest } from '../../src-shared/domain/records';
import type { Policy } from '../../src-shared/policy/policy';
import type { Mutation } from '../../src-shared/protocol/mutations';
import type { AuditTrail } from '../audit/audit-trail';
import type { Cache } from '../store/open-cache';
import type { BackoffPolicy } from './backoff';
import type { SyncNotice } from './outbox';
import type { SyncStatus, SyncStatusListener } from './sync-status';

/** The few logger methods the sync uses (pino's Logger fits). Never given a token or a record. */
export interface SyncLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SyncTuning {
  /** Changes per page of the feed. */
  readonly pageLimit: number;
  /** No byte for this long while an answer is expected: the request is abandoned. */
  readonly stallSeconds: number;
  /** Long-poll wait when up to date; default policy.records.pollSeconds, at most 60. */
  readonly longPollSeconds: number;
  readonly backoff: BackoffPolicy;
  /** Least time between two retention purges after changes arrived. */
  readonly retentionGapMs: number;
  /** Longest time between two retention purges (records age without changing). */
  readonly retentionEveryMs: number;
  /** While stopped for the device token: how often the keychain is read again for a new one. */
  readonly tokenCheckMs: number;
  /** Fetch and check pages of the feed on a worker thread (false: on the sync's own thread). */
  readonly feedWorker: boolean;
}

export interface SyncOptions {
  readonly cache: Cache;
  /** The audit trail decisions, refusals and purges are recorded in (source 'sync' fits). */
  readonly audit: AuditTrail;
  readonly policy: Pick<Policy, 'records' | 'retention'>;
  /** The device token from the keychain; read at every attempt, so a re-provisioned token is used. */
  readonly deviceToken: () => Promise<string | null>;
  /** The contents of policy.records.caFile, read by the composition root. */
  readonly caPem: string | null;
  readonly clock?: () => Date;
  /** In [0, 1), for the backoff's jitter. */
  readonly random?: () => number;
  readonly log?: SyncLog;
  readonly tuning?: Partial<SyncTuning>;
}

/** An officer's decision on a visit or contact request, as the queues hand it over. */
export interface DecisionInput {
  readonly entity: 'visitRequest' | 'contactRequest';
  readonly recordId: string;
  readonly decision: 'approved' | 'denied' | 'cancelled';
  readonly reason: string | null;
  /** The signed-in officer's directory username. */
  readonly actor: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A mutation before the outbox gives it its id and time. */
export type MutationDraft = DistributiveOmit<Mutation, 'id' | 'madeAt'>;

export interface QueuedMutation {
  readonly id: string;
  readonly mutation: Mutation;
}

export interface Sync {
  /** Starts the loop: a first round at once, then long-polls. */
  start(): void;
  /** Stops the loop and waits for it; the cache is left consistent at every point. */
  stop(): Promise<void>;
  /**
   * A full round now (outbox, audit, feed to its head, retention), also after a refused token or
   * during a backoff; resolves with the status once it has run.
   */
  syncNow(): Promise<SyncStatus>;
  /** Queues a decision and applies it to the cache in one transaction (audited); pushes it soon. */
  enqueueDecision(
    decision: DecisionInput,
  ): Promise<QueuedMutation & { readonly record: VisitRequest | ContactRequest }>;
  /** Queues any kind of mutation (see mutation-kinds.ts). */
  enqueue(draft: MutationDraft): Promise<QueuedMutation>;
  getStatus(): SyncStatus;
  /** Returns the unsubscribe function. */
  onStatus(listener: SyncStatusListener): () => void;
  /** Decisions the records service refused, for the officer: who decided first and when, or why. */
  listNotices(): Promise<SyncNotice[]>;
  dismissNotice(id: string): Promise<boolean>;
}
