// Where the records sync stands, for the status bar, the initial-sync progress bar and the
// Inmates screen: read once when the shell mounts, then kept current by `sync.changed`. The event
// carries status only, never records, and this hook lives only as long as the signed-in shell.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { SyncStatusView } from '../../src-shared/contract';
import { useClient } from '../bridge/connection-context';

export interface SyncStatusHandle {
  /** Null until main has answered. */
  readonly status: SyncStatusView | null;
  /** Whether an officer's "Sync now" is still running. */
  readonly syncing: boolean;
  /** Asks for a round at once (after a failure, or to be sure the screen is current). */
  readonly syncNow: () => void;
}

export function useSyncStatus(): SyncStatusHandle {
  const client = useClient();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [syncing, setSyncing] = useState(false);

  useEffect(() => {
    let current = true;
    // Subscribed first: replies and events share one ordered channel, so whichever comes last is
    // the newest, and nothing between the two is missed.
    const stop = client.on('sync.changed', (view) => setStatus(view));
    void client.call('sync.status', {}).then((result) => {
      if (current && result.ok) setStatus(result.value);
    });
    return () => {
      current = false;
      stop();
    };
  }, [client]);

  const syncNow = useCallback(() => {
    setSyncing(true);
    void client.call('sync.now', {}).then((result) => {
      setSyncing(false);
      // A refusal (the session locked meanwhile) needs no answer: the lock screen follows.
      if (result.ok) setStatus(result.value);
    });
  }, [client]);

  return { status, syncing, syncNow };
}

/** The shell's sync status, for the pages inside it. */
export const SyncStatusContext = createContext<SyncStatusView | null>(null);

export function useSyncStatusView(): SyncStatusView | null {
  return useContext(SyncStatusContext);
}
