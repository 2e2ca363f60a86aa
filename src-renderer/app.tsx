// The renderer's root: loads what the workstation is (app.info) and who is at it
// (session.current, then session.changed), and shows the one screen that state allows.
import { useState } from 'react';
import type { SessionView } from '../src-shared/contract';
import { ClientContext } from './bridge/connection-context';
import type { Connection } from './bridge/select-connection';
import type { AlertContent } from './components/form-alert';
import { PolicyWarnings } from './components/policy-warnings';
import { ShortcutsDialog } from './components/shortcuts-dialog';
import { useKeyShortcuts } from './hooks/use-key-shortcuts';
import { useWorkstation } from './hooks/use-workstation';
import { firstSignInFits, type FirstSignIn } from './screens/enrolment/first-sign-in';
import { NoticeScreen } from './screens/notice/notice-screen';
import { SessionScreen } from './screens/session-screen';
import { sectionsFor } from './shell/sections';
import {
  inmateShortcuts,
  lockShortcuts,
  signInShortcuts,
  unlockShortcuts,
  windowShortcuts,
  type ShortcutHelp,
} from './shortcuts';

export function App({ connection }: { connection: Connection | null }) {
  if (connection === null) {
    return (
      <NoticeScreen icon="disconnected" title="Open Sallyport from its own address" role="alert">
        <p className="panel-lead">
          This page was opened without the one-time key that connects it to the Sallyport app. Open the
          address Sallyport printed when it started. Reloading the page drops the key: open that address
          again.
        </p>
      </NoticeScreen>
    );
  }
  return (
    <ClientContext value={connection.client}>
      <Workstation connection={connection} />
    </ClientContext>
  );
}

function shortcutsFor(session: SessionView, firstSignIn: FirstSignIn | null): readonly ShortcutHelp[] {
  if (firstSignIn !== null) return windowShortcuts;
  if (session.state === 'locked') return [...windowShortcuts, ...unlockShortcuts];
  if (session.state === 'signed-out') return [...windowShortcuts, ...signInShortcuts];
  const sections = sectionsFor(session.officer.role).map((section) => ({
    keys: [section.key],
    action: `Go to ${section.title}`,
  }));
  return [...windowShortcuts, ...lockShortcuts, ...sections, ...inmateShortcuts];
}

function Workstation({ connection }: { connection: Connection }) {
  const { state, showSession } = useWorkstation(connection);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [firstSignIn, setFirstSignIn] = useState<FirstSignIn | null>(null);
  const [endedNotice, setEndedNotice] = useState<AlertContent | null>(null);
  const showShortcuts = () => setShortcutsOpen(true);
  useKeyShortcuts(state.phase === 'ready' ? { '?': showShortcuts } : {});

  switch (state.phase) {
    case 'connecting':
      return (
        <NoticeScreen icon="inbox" title="Connecting to Sallyport" role="status">
          <p className="panel-lead">This takes a moment.</p>
        </NoticeScreen>
      );
    case 'lost':
      return (
        <NoticeScreen icon="disconnected" title="Connection to Sallyport lost" role="alert">
          <p className="panel-lead">
            The workstation lost its connection to the Sallyport app, so nothing more can be shown or saved
            here. Start Sallyport again, then open the address it prints.
          </p>
        </NoticeScreen>
      );
    case 'failed':
      return (
        <NoticeScreen icon="alert" title="Sallyport could not start this screen" role="alert">
          <p className="panel-lead">{state.error.message}</p>
        </NoticeScreen>
      );
  }

  const { info, session } = state;
  // A lock or a sign-out ends a first sign-in at once; the recovery codes go with it.
  if (firstSignIn !== null && !firstSignInFits(firstSignIn, session)) setFirstSignIn(null);
  // Why the last session ended is said once, on the sign-in screen that follows it.
  if (endedNotice !== null && session.state === 'active') setEndedNotice(null);

  return (
    <div className="window">
      <PolicyWarnings warnings={info.warnings} />
      <SessionScreen
        info={info}
        session={session}
        firstSignIn={firstSignIn}
        onFirstSignIn={setFirstSignIn}
        onSession={showSession}
        endedNotice={endedNotice}
        onEnded={setEndedNotice}
        onShowShortcuts={showShortcuts}
      />
      <ShortcutsDialog
        isOpen={shortcutsOpen}
        onOpenChange={setShortcutsOpen}
        shortcuts={shortcutsFor(session, firstSignIn)}
      />
    </div>
  );
}
