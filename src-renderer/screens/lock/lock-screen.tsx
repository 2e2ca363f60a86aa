// The locked workstation: who holds the session, since when, when and why it locked, and nothing
// of the records behind it (CJIS AC-11). Main refuses every data channel while locked and the
// shell is unmounted; this screen unlocks with the officer's password, lets someone else start
// over ('Not you?'), or lets an administrator end the session.
import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { AppInfo, SessionView } from '../../../src-shared/contract';
import { useClient } from '../../bridge/connection-context';
import { FormAlert, type AlertContent } from '../../components/form-alert';
import { FullWindow } from '../../components/full-window';
import { Icon } from '../../components/icon';
import { formatDateTime } from '../../format/date-time';
import { errorMessage } from '../../format/error-message';
import { roleLabel } from '../../format/role-label';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { EndSessionDialog } from './end-session-dialog';
import { lockReasonText } from './lock-reason';
import { UnlockForm } from './unlock-form';

interface LockScreenProps {
  info: AppInfo;
  session: Extract<SessionView, { state: 'locked' }>;
  onSession: (session: SessionView) => void;
  /** The session ended while locked (lockout at the last failed unlock): why, for the sign-in screen. */
  onEnded: (why: AlertContent) => void;
  onShowShortcuts: () => void;
}

export function LockScreen({ info, session, onSession, onEnded, onShowShortcuts }: LockScreenProps) {
  useDocumentTitle('Locked');
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState(false);
  const { officer } = session;

  const signOut = async () => {
    setError(null);
    const result = await client.call('auth.signOut', {});
    if (result.ok) onSession(result.value);
    else setError(errorMessage(result.error));
  };

  return (
    <FullWindow info={info} onShowShortcuts={onShowShortcuts}>
      <section className="panel lock-panel" aria-labelledby="lock-title">
        <div className="lock-heading">
          <div className="lock-badge">
            <Icon name="lock" size={28} />
          </div>
          <div>
            <h1 id="lock-title">This workstation is locked</h1>
            <p className="panel-lead">{lockReasonText(session.reason)}</p>
          </div>
        </div>
        <dl className="facts">
          <div>
            <dt>Signed in</dt>
            <dd>
              {officer.displayName} <span className="muted">({officer.username})</span>{' '}
              <span className="status-role">{roleLabel(officer.role)}</span>
            </dd>
          </div>
          <div>
            <dt>Since</dt>
            <dd>
              <time dateTime={session.since}>{formatDateTime(session.since)}</time>
            </dd>
          </div>
          <div>
            <dt>Locked</dt>
            <dd>
              <time dateTime={session.lockedAt}>{formatDateTime(session.lockedAt)}</time>
            </dd>
          </div>
        </dl>
        <UnlockForm
          officerName={officer.displayName}
          unlockNeedsCode={session.unlockNeedsCode}
          totpDigits={info.totpDigits}
          onUnlocked={onSession}
          onEnded={onEnded}
        />
        <FormAlert message={error} />
        <div className="lock-others">
          <Button className="button button-quiet" onPress={() => void signOut()}>
            <Icon name="signOut" />
            Not you? Sign out
          </Button>
          <Button className="button button-quiet" onPress={() => setEnding(true)}>
            <Icon name="staff" />
            End this session (administrator)
          </Button>
        </div>
      </section>
      <EndSessionDialog
        isOpen={ending}
        onOpenChange={setEnding}
        officer={officer}
        totpDigits={info.totpDigits}
        onEnded={onSession}
      />
    </FullWindow>
  );
}
