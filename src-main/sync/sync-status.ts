// What the status bar and the initial-sync progress bar show, as one schema (so the IPC contract
// can carry it as it is), and the hub that tells listeners when it changes.
import { SyncStatusView } from '../../src-shared/contract/records';

/** The status is the contract's SyncStatusView: one schema for the engine, the router and the UI. */
export const SyncStatus = SyncStatusView;
export type SyncStatus = SyncStatusView;
export const SyncPhase = SyncStatusView.shape.phase;
export type SyncPhase = SyncStatus['phase'];

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
