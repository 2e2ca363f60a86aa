// The one screen the session allows: sign-in, a first sign-in's enrolment and recovery codes,
// the lock screen, or the shell.
import type { AppInfo, SessionView } from '../../src-shared/contract';
import type { AlertContent } from '../components/form-alert';
import { ActiveSession } from '../shell/active-session';
import { AppShell } from '../shell/app-shell';
import { EnrolmentScreen } from './enrolment/enrolment-screen';
import { firstSignInFits, type FirstSignIn } from './enrolment/first-sign-in';
import { RecoveryCodesScreen } from './enrolment/recovery-codes-screen';
import { LockScreen } from './lock/lock-screen';
import { SignInScreen } from './sign-in/sign-in-screen';

interface SessionScreenProps {
  info: AppInfo;
  session: SessionView;
  firstSignIn: FirstSignIn | null;
  onFirstSignIn: (step: FirstSignIn | null) => void;
  onSession: (session: SessionView) => void;
  /** Why the last session ended, when the renderer learnt it from a refusal (lockout at unlock). */
  endedNotice: AlertContent | null;
  onEnded: (why: AlertContent) => void;
  onShowShortcuts: () => void;
}

export function SessionScreen(props: SessionScreenProps) {
  const { info, session, firstSignIn, onFirstSignIn, onSession, endedNotice, onEnded, onShowShortcuts } =
    props;
  const step = firstSignIn !== null && firstSignInFits(firstSignIn, session) ? firstSignIn : null;

  if (step?.step === 'enrol') {
    return (
      <EnrolmentScreen
        info={info}
        displayName={step.displayName}
        offer={step.offer}
        onConfirmed={(recoveryCodes, view) => {
          onFirstSignIn({ step: 'recovery-codes', recoveryCodes });
          onSession(view);
        }}
        onCancelled={(view) => {
          onFirstSignIn(null);
          onSession(view);
        }}
        onShowShortcuts={onShowShortcuts}
      />
    );
  }
  switch (session.state) {
    case 'signed-out':
      return (
        <SignInScreen
          info={info}
          bannerAcknowledged={session.bannerAcknowledged}
          ended={session.ended}
          notice={endedNotice}
          onSession={onSession}
          onEnrol={({ displayName, offer }) => onFirstSignIn({ step: 'enrol', displayName, offer })}
          onShowShortcuts={onShowShortcuts}
        />
      );
    case 'locked':
      return (
        <LockScreen
          info={info}
          session={session}
          onSession={onSession}
          onEnded={onEnded}
          onShowShortcuts={onShowShortcuts}
        />
      );
    case 'active':
      return (
        <ActiveSession locksAt={session.locksAt}>
          {step?.step === 'recovery-codes' ? (
            <RecoveryCodesScreen
              info={info}
              officer={session.officer}
              recoveryCodes={step.recoveryCodes}
              onStored={() => onFirstSignIn(null)}
              onShowShortcuts={onShowShortcuts}
            />
          ) : (
            <AppShell
              info={info}
              officer={session.officer}
              online={session.online}
              onSession={onSession}
              onShowShortcuts={onShowShortcuts}
            />
          )}
        </ActiveSession>
      );
  }
}
