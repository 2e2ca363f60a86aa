// The first screen: the system-use notice until it is accepted, then the sign-in form. When the
// last session ended on its own (its 12-hour limit, an administrator, a lockout at unlock) the
// screen says so above both, until someone signs in.
import type { AppInfo, SessionView } from '../../../src-shared/contract';
import type { AlertContent } from '../../components/form-alert';
import { FullWindow } from '../../components/full-window';
import { Icon } from '../../components/icon';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { SignInForm, type EnrolmentStart } from './sign-in-form';
import { SystemUseBanner } from './system-use-banner';

type Ended = Extract<SessionView, { state: 'signed-out' }>['ended'];

const endedNotices: Record<NonNullable<Ended>, AlertContent> = {
  lifetime: {
    title: 'Session ended',
    message: 'Your session reached its 12-hour limit. Sign in again.',
    icon: 'clock',
  },
  'ended-by-administrator': {
    title: 'Session ended',
    message: 'An administrator ended the previous session while the workstation was locked. Sign in again.',
    icon: 'staff',
  },
};

interface SignInScreenProps {
  info: AppInfo;
  bannerAcknowledged: boolean;
  ended: Ended;
  /** Why the last session ended, when a refusal said it (a lockout at unlock). */
  notice: AlertContent | null;
  onSession: (session: SessionView) => void;
  onEnrol: (start: EnrolmentStart) => void;
  onShowShortcuts: () => void;
}

export function SignInScreen(props: SignInScreenProps) {
  const { info, bannerAcknowledged, ended, notice, onSession, onEnrol, onShowShortcuts } = props;
  useDocumentTitle(bannerAcknowledged ? 'Sign in' : info.banner.title);
  const why = notice ?? (ended === null ? null : endedNotices[ended]);
  return (
    <FullWindow info={info} onShowShortcuts={onShowShortcuts}>
      <div className="sign-in-stack">
        {why !== null && (
          <div className="session-ended" role="status">
            <Icon name={why.icon ?? 'alert'} />
            <div>
              {why.title !== undefined && <p className="session-ended-title">{why.title}</p>}
              <p>{why.message}</p>
            </div>
          </div>
        )}
        {bannerAcknowledged ? (
          <SignInForm totpDigits={info.totpDigits} onSignedIn={onSession} onEnrol={onEnrol} />
        ) : (
          <SystemUseBanner banner={info.banner} ended={ended} onAccepted={onSession} />
        )}
      </div>
    </FullWindow>
  );
}
