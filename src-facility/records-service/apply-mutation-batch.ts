// Applies a batch of mutations once each: a mutation id seen before gets its first answer back
// as a duplicate, so a workstation can resend its outbox after a lost reply without doubling.
import type { Mutation, MutationBatch, MutationResult } from '../../src-shared/protocol/mutations';
import { decideRequest } from './decide-request';
import { setEnrolment } from './set-enrolment';
import type { RecordStore } from './record-store';

export function applyMutationBatch(
  store: RecordStore,
  batch: MutationBatch,
  receivedAt: Date,
): MutationResult[] {
  // One transaction: the answers and the changes they made commit together or not at all.
  return store.transaction(() =>
    batch.mutations.map((mutation): MutationResult => {
      const first = store.rememberedMutation(mutation.id);
      if (first) return { id: mutation.id, outcome: 'duplicate', first };
      const result = applyMutation(store, mutation);
      store.rememberMutation(result, receivedAt);
      return result;
    }),
  );
}

function applyMutation(store: RecordStore, mutation: Mutation): MutationResult {
  switch (mutation.kind) {
    case 'decide':
      return decideRequest(store, mutation);
    case 'set-enrolment':
      return setEnrolment(store, mutation);
  }
}
