// The signed-in workstation: the rail, the current section, the status bar. The section follows
// the address fragment; a section this role cannot use falls back to the first one.
import type { AppInfo, Officer, SessionView } from '../../src-shared/contract';
import { navigateTo, useHashRoute } from '../hooks/use-hash-route';
import { useKeyShortcuts } from '../hooks/use-key-shortcuts';
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
  const visible = sectionsFor(officer.role);
  const route = useHashRoute();
  const current = visible.find((section) => section.id === route) ?? visible[0];
  useKeyShortcuts(Object.fromEntries(visible.map((section) => [section.key, () => navigateTo(section.id)])));
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
        onSession={onSession}
        onShowShortcuts={onShowShortcuts}
      />
    </div>
  );
}
