// The signed-in workstation: the rail, the current section, the status bar, and while the first
// sync runs its progress bar. The section follows the address fragment (`#/inmates/inm-000042`:
// the section, then what is open in it); a section this role cannot use falls back to the first
// one. Everything here is unmounted when the session locks: its records go with it, and the same
// section and record mount again, reading their data afresh, after the unlock.
import { useState } from 'react';
import type { AppInfo, Officer, SessionView } from '../../src-shared/contract';
import { useClient } from '../bridge/connection-context';
import { errorMessage } from '../format/error-message';
import { navigateTo, useHashRoute } from '../hooks/use-hash-route';
import { useKeyShortcuts } from '../hooks/use-key-shortcuts';
import { useLockShortcut } from '../hooks/use-lock-shortcut';
import { SyncStatusContext, useSyncStatus } from '../hooks/use-sync-status';
import { InmatesPage } from '../screens/inmates/inmates-page';
import { StaffPage } from '../screens/staff/staff-page';
import { InitialSyncProgress, initialSyncRunning } from './initial-sync-progress';
import { NavRail } from './nav-rail';
import { SectionPage } from './section-page';
import { sectionsFor, type Section } from './sections';
import { StatusBar } from './status-bar';

interface AppShellProps {
  info: AppInfo;
  officer: Officer;
  online: boolean;
  onSession: (session: SessionView) => void;
  onShowShortcuts: () => void;
}

/** 'inmates/inm-000042' → the section's id and what is open in it ('' for nothing). */
function splitRoute(route: string): { sectionId: string; rest: string } {
  const slash = route.indexOf('/');
  return slash === -1
    ? { sectionId: route, rest: '' }
    : { sectionId: route.slice(0, slash), rest: route.slice(slash + 1) };
}

function CurrentSection({ section, rest }: { section: Section; rest: string }) {
  switch (section.id) {
    case 'staff':
      return <StaffPage section={section} />;
    case 'inmates':
      return <InmatesPage section={section} path={rest} />;
    default:
      return <SectionPage section={section} />;
  }
}

export function AppShell({ info, officer, online, onSession, onShowShortcuts }: AppShellProps) {
  const client = useClient();
  const sync = useSyncStatus();
  const [error, setError] = useState<string | null>(null);
  const visible = sectionsFor(officer.role);
  const { sectionId, rest } = splitRoute(useHashRoute());
  const current = visible.find((section) => section.id === sectionId) ?? visible[0];
  useKeyShortcuts({
    ...Object.fromEntries(visible.map((section) => [section.key, () => navigateTo(section.id)])),
    // The inmate search from anywhere (on the search itself, its field takes the key first).
    '/': () => navigateTo('inmates'),
  });

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
    <SyncStatusContext value={sync.status}>
      <div className="shell">
        <NavRail sections={visible} currentId={current.id} />
        <div className="shell-work">
          {initialSyncRunning(sync.status) && (
            <InitialSyncProgress
              initial={sync.status.initial}
              offline={!sync.status.online && sync.status.error !== null}
            />
          )}
          <CurrentSection key={current.id} section={current} rest={current.id === sectionId ? rest : ''} />
        </div>
        <StatusBar
          info={info}
          officer={officer}
          online={online}
          sync={sync}
          error={error}
          onLock={() => void leave('session.lock')}
          onSignOut={() => void leave('auth.signOut')}
          onShowShortcuts={onShowShortcuts}
        />
      </div>
    </SyncStatusContext>
  );
}
