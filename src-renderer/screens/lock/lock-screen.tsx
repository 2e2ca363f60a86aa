// The locked workstation: who holds the session and since when, and nothing of the records
// behind it (CJIS AC-11). Main refuses every data channel while locked; this screen only shows it.
import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { AppInfo, Officer, SessionView } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert } from '../../components/form-alert';
import { FullWindow } from '../../components/full-window';
import { Icon } from '../../components/icon';
import { formatDateTime } from '../../format/date-time';
import { errorMessage } from '../../format/error-message';
import { roleLabel } from '../../format/role-label';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount';

interface LockScreenProps {
  info: AppInfo;
  officer: Officer;
  since: string;
  onSession: (session: SessionView) => void;
  onShowShortcuts: () => void;
}

export function LockScreen({ info, officer, since, onSession, onShowShortcuts }: LockScreenProps) {
  useDocumentTitle('Locked');
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  const signOut = async () => {
    setError(null);
    const result = await client.call('auth.signOut', {});
    if (result.ok) onSession(result.value);
    else setError(errorMessage(result.error));
  };

  return (
    <FullWindow info={info} onShowShortcuts={onShowShortcuts}>
      <section className="panel lock-panel" aria-labelledby="lock-title">
        <div className="lock-badge">
          <Icon name="lock" size={28} />
        </div>
        <h1 id="lock-title" ref={headingRef} tabIndex={-1}>
          This workstation is locked
        </h1>
        <dl className="facts">
          <div>
            <dt>Signed in</dt>
            <dd>
              {officer.displayName} <span className="muted">({officer.username})</span>
            </dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{roleLabel(officer.role)}</dd>
          </div>
          <div>
            <dt>Since</dt>
            <dd>
              <time dateTime={since}>{formatDateTime(since)}</time>
            </dd>
          </div>
        </dl>
        <p className="panel-lead">
          Records stay hidden while the workstation is locked. To continue, sign out and sign in again.
        </p>
        <FormAlert message={error} />
        <Button className="button button-primary button-block" onPress={() => void signOut()}>
          <Icon name="signOut" />
          Sign out
        </Button>
      </section>
    </FullWindow>
  );
}
