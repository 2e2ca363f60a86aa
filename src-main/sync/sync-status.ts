// What the status bar and the initial-sync progress bar show, as one schema (so the IPC contract
// can carry it as it is), and the hub that tells listeners when it changes.
import { z } from 'zod';

export const SyncPhase = z.enum([
  /** Not started, or stopped. */
  'stopped',
  /** Sending the outbox, or pulling pages. */
  'syncing',
  /** Up to date, waiting for the next change (long-poll). */
  'idle',
  /** The last attempt failed; the next one is at nextRetryAt. */
  'retrying',
  /** Stopped until a person acts (device token refused or missing, policy refuses plaintext). */
  'blocked',
]);
export type SyncPhase = z.infer<typeof SyncPhase>;

export const SyncStatus = z.object({
  /** The records service answered the last attempt. */
  online: z.boolean(),
  phase: SyncPhase,
  /** The last time a page was committed or the feed confirmed the cache up to date (UTC ISO). */
  lastSuccessAt: z.iso.datetime().nullable(),
  /** Rows changed in the cache by the feed since the sync started. */
  changesApplied: z.int().nonnegative(),
  /** Outbox entries not yet answered by the records service. */
  outboxPending: z.int().nonnegative(),
  /** Refused outbox entries waiting for the officer to read them (listNotices). */
  notices: z.int().nonnegative(),
  /** The current problem in words, with what to do; null when all is well. */
  error: z.string().nullable(),
  /** When the next attempt is due after a failure (UTC ISO). */
  nextRetryAt: z.iso.datetime().nullable(),
  /** The first full sync into an empty cache; null when none ran since this start. */
  initial: z
    .object({
      done: z.boolean(),
      /** Records received so far (never more than expected while it runs). */
      received: z.int().nonnegative(),
      /** Records the service announced; null until its first page arrived. */
      expected: z.int().nonnegative().nullable(),
    })
    .nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export type SyncStatusListener = (status: SyncStatus) => void;

export class StatusHub {
  #status: SyncStatus;
  readonly #listeners = new Set<SyncStatusListener>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(initial: SyncStatus, onListenerError: (error: unknown) => void) {
    this.#status = initial;
    this.#onListenerError = onListenerError;
  }

  get(): SyncStatus {
    return this.#status;
  }

  /** Merges `change` and tells every listener, unless nothing changed. */
  update(change: Partial<SyncStatus>): void {
    const next = { ...this.#status, ...change };
    if (sameStatus(next, this.#status)) return;
    this.#status = next;
    for (const listener of [...this.#listeners]) {
      try {
        listener(next);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: SyncStatusListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return (
    (Object.keys(a) as (keyof SyncStatus)[]).every((key) => key === 'initial' || a[key] === b[key]) &&
    JSON.stringify(a.initial) === JSON.stringify(b.initial)
  );
}
