// The first screen: the system-use notice until it is accepted, then the sign-in form.
import type { AppInfo, SessionView } from '../../../src-shared/contract';
import { FullWindow } from '../../components/full-window';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { SignInForm, type EnrolmentStart } from './sign-in-form';
import { SystemUseBanner } from './system-use-banner';

interface SignInScreenProps {
  info: AppInfo;
  bannerAcknowledged: boolean;
  onSession: (session: SessionView) => void;
  onEnrol: (start: EnrolmentStart) => void;
  onShowShortcuts: () => void;
}

export function SignInScreen(props: SignInScreenProps) {
  const { info, bannerAcknowledged, onSession, onEnrol, onShowShortcuts } = props;
  useDocumentTitle(bannerAcknowledged ? 'Sign in' : info.banner.title);
  return (
    <FullWindow info={info} onShowShortcuts={onShowShortcuts}>
      {bannerAcknowledged ? (
        <SignInForm totpDigits={info.totpDigits} onSignedIn={onSession} onEnrol={onEnrol} />
      ) : (
        <SystemUseBanner banner={info.banner} onAccepted={onSession} />
      )}
    </FullWindow>
  );
}
