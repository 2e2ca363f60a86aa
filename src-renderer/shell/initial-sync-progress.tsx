// The first sync into an empty cache, as a progress bar across the top of the work area: records
// received of those the service announced. It moves only as pages arrive (no animation of its
// own), and says that the workstation can be used meanwhile.
import { Label, ProgressBar } from 'react-aria-components';
import type { SyncStatusView } from '../../src-shared/contract';

const count = new Intl.NumberFormat(undefined);

type InitialSync = NonNullable<SyncStatusView['initial']>;

/**
 * Whether the first sync is under way (started, not finished): the bar shows, and search results
 * may be incomplete. A sync that is not running at all (stopped) is no progress to show.
 */
export function initialSyncRunning(status: SyncStatusView | null): status is SyncStatusView & {
  initial: InitialSync;
} {
  return status !== null && status.phase !== 'stopped' && status.initial !== null && !status.initial.done;
}

/** `offline`: the records service did not answer the last attempt. */
export function InitialSyncProgress({ initial, offline }: { initial: InitialSync; offline: boolean }) {
  const { received, expected } = initial;
  const known = expected !== null && expected > 0;
  // Rounded down, so the bar never says 100% before the last page is in.
  const percent = known ? Math.floor((Math.min(received, expected) / expected) * 100) : 0;
  const amount = known
    ? `${count.format(received)} of ${count.format(expected)}`
    : offline
      ? 'waiting for the records service'
      : 'starting';
  return (
    <section className="sync-progress" aria-label="Initial sync">
      <ProgressBar
        className="sync-progress-bar"
        value={known ? Math.min(received, expected) : 0}
        maxValue={known ? expected : 1}
        isIndeterminate={!known}
        valueLabel={known ? `${amount} records (${percent}%)` : amount}
      >
        <div className="sync-progress-line">
          <Label className="sync-progress-label">Loading facility records</Label>
          <span className="sync-progress-amount">: {amount}</span>
          {known && <span className="sync-progress-percent">{percent}%</span>}
        </div>
        <div className="sync-progress-track">
          <div className="sync-progress-fill" style={{ width: `${percent}%` }} />
        </div>
      </ProgressBar>
      <p className="sync-progress-note">
        This workstation&apos;s first sync. You can work meanwhile; lists and search results may be incomplete
        until it finishes.
      </p>
    </section>
  );
}
