// The first screen: the system-use notice until it is accepted, then the sign-in form.
import type { AppInfo, SessionView } from '../../../src-shared/contract';
import { FullWindow } from '../../components/full-window';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { SignInForm } from './sign-in-form';
import { SystemUseBanner } from './system-use-banner';

interface SignInScreenProps {
  info: AppInfo;
  bannerAcknowledged: boolean;
  onSession: (session: SessionView) => void;
  onShowShortcuts: () => void;
}

export function SignInScreen({ info, bannerAcknowledged, onSession, onShowShortcuts }: SignInScreenProps) {
  useDocumentTitle(bannerAcknowledged ? 'Sign in' : info.banner.title);
  return (
    <FullWindow info={info} onShowShortcuts={onShowShortcuts}>
      {bannerAcknowledged ? (
        <SignInForm facilityName={info.facilityName} onSignedIn={onSession} />
      ) : (
        <SystemUseBanner banner={info.banner} onAccepted={onSession} />
      )}
    </FullWindow>
  );
}
