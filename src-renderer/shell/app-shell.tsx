// The signed-in workstation: the rail, the current section, the status bar. The section follows
// the address fragment; a section this role cannot use falls back to the first one. Everything
// here is unmounted when the session locks: its records go with it, and the same section mounts
// again, reading its data afresh, after the unlock.
import { useState } from 'react';
import type { AppInfo, Officer, SessionView } from '../../src-shared/contract';
import { useClient } from '../bridge/connection-context';
import { errorMessage } from '../format/error-message';
import { navigateTo, useHashRoute } from '../hooks/use-hash-route';
import { useKeyShortcuts } from '../hooks/use-key-shortcuts';
import { useLockShortcut } from '../hooks/use-lock-shortcut';
import { StaffPage } from '../screens/staff/staff-page';
import { NavRail } from './nav-rail';
import { SectionPage } from './section-page';
import { sectionsFor } from './sections';
import { StatusBar } from './status-bar';

interface AppShellProps {
  info: AppInfo;
  officer: Officer;
  online: boolean;
  onSession: (session: SessionView) => void;
  onShowShortcuts: () => void;
}

export function AppShell({ info, officer, online, onSession, onShowShortcuts }: AppShellProps) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const visible = sectionsFor(officer.role);
  const route = useHashRoute();
  const current = visible.find((section) => section.id === route) ?? visible[0];
  useKeyShortcuts(Object.fromEntries(visible.map((section) => [section.key, () => navigateTo(section.id)])));

  /** Runs a call that answers the new session (lock, sign out) and shows it, or says why not. */
  const leave = async (channel: 'session.lock' | 'auth.signOut') => {
    setError(null);
    const result = await client.call(channel, {});
    if (result.ok) onSession(result.value);
    else setError(errorMessage(result.error));
  };
  useLockShortcut(() => void leave('session.lock'));
  if (current === undefined) return null;

  return (
    <div className="shell">
      <NavRail sections={visible} currentId={current.id} />
      {current.id === 'staff' ? (
        <StaffPage key={current.id} section={current} />
      ) : (
        <SectionPage key={current.id} section={current} />
      )}
      <StatusBar
        info={info}
        officer={officer}
        online={online}
        error={error}
        onLock={() => void leave('session.lock')}
        onSignOut={() => void leave('auth.signOut')}
        onShowShortcuts={onShowShortcuts}
      />
    </div>
  );
}
