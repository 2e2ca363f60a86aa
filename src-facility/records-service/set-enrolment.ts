// A staff member's authenticator enrolment (or its reset) from a workstation, published on the
// change feed so every workstation of the facility has it: an officer enrols once. The newest
// enrolment wins: a workstation enrols only after the directory and an enrolment code said yes.
import type { Mutation, MutationResult } from '../../src-shared/protocol/mutations';
import type { RecordStore } from './record-store';

export type SetEnrolmentMutation = Extract<Mutation, { kind: 'set-enrolment' }>;

export function setEnrolment(store: RecordStore, mutation: SetEnrolmentMutation): MutationResult {
  const username = mutation.username.normalize('NFC').trim().toLowerCase();
  const current = store.get('staffEnrolment', username);
  const previous = current?.data as { changedAt?: string } | null | undefined;
  if (previous?.changedAt !== undefined && previous.changedAt > mutation.changedAt) {
    // An older change arriving late (an outbox that waited offline) does not undo a newer one.
    return {
      id: mutation.id,
      outcome: 'rejected',
      reason: 'A newer enrolment or reset for this user exists.',
    };
  }
  const written = store.upsert('staffEnrolment', {
    id: username,
    username,
    totpSecret: mutation.totpSecret,
    changedAt: mutation.changedAt,
  });
  return { id: mutation.id, outcome: 'applied', version: written.version };
}
