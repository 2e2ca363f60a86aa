// The foot of the shell: where this workstation stands (facility, who is signed in, the records
// service, the outbox) and the way out. An offline sign-in is set apart for as long as the session
// lasts: the directory has not vouched for it. The records service's own connection and last sync
// arrive with sync.
import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { AppInfo, Officer, SessionView } from '../../src-shared/contract';
import { useClient } from '../bridge/connection-context';
import { Icon } from '../components/icon';
import { errorMessage } from '../format/error-message';
import { roleLabel } from '../format/role-label';

interface StatusBarProps {
  info: AppInfo;
  officer: Officer;
  online: boolean;
  onSession: (session: SessionView) => void;
  onShowShortcuts: () => void;
}

export function StatusBar({ info, officer, online, onSession, onShowShortcuts }: StatusBarProps) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);

  // The Lock button of the design arrives with the lock (it needs a `session.lock` channel);
  // until then the bar ends the session with the channel that exists.
  const signOut = async () => {
    setError(null);
    const result = await client.call('auth.signOut', {});
    if (result.ok) onSession(result.value);
    else setError(errorMessage(result.error));
  };

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
          <dd>
            <span className="muted">Not yet synced</span>
          </dd>
        </div>
        <div>
          <dt>Outbox</dt>
          <dd>0 waiting</dd>
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
        <Button className="button button-secondary" onPress={() => void signOut()}>
          <Icon name="signOut" />
          Sign out
        </Button>
      </div>
    </footer>
  );
}
