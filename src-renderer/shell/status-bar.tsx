// The foot of the shell: where this workstation stands (facility, who is signed in, the records
// service, the outbox) and the ways out: lock (the officer comes back to the same place) and sign
// out. An offline sign-in is set apart for as long as the session lasts: the directory has not
// vouched for it. The records service's connection and last sync come from the sync's status.
import { Button } from 'react-aria-components';
import type { AppInfo, Officer } from '../../src-shared/contract';
import { Icon } from '../components/icon';
import { roleLabel } from '../format/role-label';
import type { SyncStatusHandle } from '../hooks/use-sync-status';
import { RecordsServiceStatus } from './records-service-status';

interface StatusBarProps {
  info: AppInfo;
  officer: Officer;
  online: boolean;
  sync: SyncStatusHandle;
  /** Why the last lock or sign-out did not happen, in words. */
  error: string | null;
  onLock: () => void;
  onSignOut: () => void;
  onShowShortcuts: () => void;
}

export function StatusBar(props: StatusBarProps) {
  const { info, officer, online, sync, error, onLock, onSignOut, onShowShortcuts } = props;
  const { status } = sync;

  return (
    <footer className="status-bar">
      <dl className="status-items">
        <div className="status-facility">
          <dt>Facility</dt>
          <dd title={info.facilityName}>{info.facilityName}</dd>
        </div>
        <div>
          <dt>Signed in</dt>
          <dd>
            {officer.displayName} <span className="status-role">{roleLabel(officer.role)}</span>
          </dd>
        </div>
        {!online && (
          <div>
            <dt>Sign-in</dt>
            <dd>
              <span className="offline-sign-in">
                <Icon name="warning" size={18} />
                Offline — signed in without the directory
              </span>
            </dd>
          </div>
        )}
        <div>
          <dt>Records service</dt>
          <dd className="status-records">
            <RecordsServiceStatus sync={sync} />
          </dd>
        </div>
        <div>
          <dt>Outbox</dt>
          <dd>{status === null ? '…' : `${status.outboxPending} waiting`}</dd>
        </div>
      </dl>
      <div className="status-actions">
        <p className="status-error" role="alert">
          {error}
        </p>
        {/* Icon and key only: the bar's room goes to the officer's state. */}
        <Button
          className="button button-quiet"
          onPress={onShowShortcuts}
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
        >
          <Icon name="keyboard" />
          <kbd aria-hidden="true">?</kbd>
        </Button>
        <Button className="button button-secondary" onPress={onLock} aria-keyshortcuts="Control+L">
          <Icon name="lock" />
          Lock
          <kbd aria-hidden="true">Ctrl+L</kbd>
        </Button>
        <Button className="button button-secondary" onPress={onSignOut}>
          <Icon name="signOut" />
          Sign out
        </Button>
      </div>
    </footer>
  );
}
