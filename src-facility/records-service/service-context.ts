// What every endpoint of the records service works with.
import type { MutationResult } from '../../src-shared/protocol/mutations';
import type { RecordStore } from './record-store';

export interface ServiceContext {
  readonly store: RecordStore;
  /** Aborted when the service closes, which ends parked long-polls. */
  readonly closing: AbortSignal;
  /** Answers given per outcome since the service started, duplicates included. */
  readonly tally: Record<MutationResult['outcome'], number>;
}
