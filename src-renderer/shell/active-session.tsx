// Around every screen of an active session (the shell, a first sign-in's recovery codes): input
// is reported as activity, and the idle warning shows before the lock. Rendered first, so the
// screen stays the window's last child (the layout gives it the remaining height).
import type { ReactNode } from 'react';
import { useClient } from '../bridge/connection-context';
import { useActivityReporter } from '../hooks/use-activity-reporter';
import { IdleWarning } from './idle-warning';

export function ActiveSession({ locksAt, children }: { locksAt: string | null; children: ReactNode }) {
  const client = useClient();
  useActivityReporter(locksAt !== null);
  return (
    <>
      <IdleWarning locksAt={locksAt} onStay={() => void client.call('session.activity', {})} />
      {children}
    </>
  );
}
