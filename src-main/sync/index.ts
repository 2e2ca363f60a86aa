// The sync's public face for the composition root and the screens: build it with createSync,
// then start/stop it, queue decisions, and follow its status. Nothing outside src-main/sync
// needs the modules behind this file.
export { createSync } from './sync-engine';
export type {
  DecisionInput,
  MutationDraft,
  QueuedMutation,
  Sync,
  SyncLog,
  SyncOptions,
  SyncTuning,
} from './sync-api';
export { SyncPhase, SyncStatus } from './sync-status';
export type { SyncStatusListener } from './sync-status';
export type { SyncNotice } from './outbox';
export { noTokenMessage, SyncError, tokenRefusedMessage } from './sync-error';
export type { SyncErrorCode } from './sync-error';
export { mutationKinds, noLocalEffect } from './mutation-kinds';
export type { MutationBehaviour } from './mutation-kinds';
