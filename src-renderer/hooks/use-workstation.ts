// What every screen is drawn from: the app's facts (facility, workstation, banner, warnings) and
// the session, kept current by the `session.changed` event; and whether the app is still there.
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, CallError, SessionView } from '../../src-shared/contract';
import type { Connection } from '../bridge/select-connection';
import { setDisplayTimeZone } from '../format/date-time';

export type WorkstationState =
  | { phase: 'connecting' }
  | { phase: 'ready'; info: AppInfo; session: SessionView }
  | { phase: 'lost' }
  | { phase: 'failed'; error: CallError };

export interface WorkstationHandle {
  readonly state: WorkstationState;
  /** Applies a session a call has just answered with, ahead of its `session.changed` event. */
  readonly showSession: (session: SessionView) => void;
}

export function useWorkstation(connection: Connection): WorkstationHandle {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<SessionView | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [lost, setLost] = useState(false);

  useEffect(() => {
    const { client } = connection;
    let current = true;
    const stopLost = connection.onLost(() => setLost(true));
    const stopEvents = client.on('session.changed', (view) => setSession(view));
    void Promise.all([client.call('app.info', {}), client.call('session.current', {})]).then(
      ([infoResult, sessionResult]) => {
        if (!current) return;
        if (!infoResult.ok) return setError(infoResult.error);
        if (!sessionResult.ok) return setError(sessionResult.error);
        // Before anything renders a time: every time on screen is in the facility's zone.
        setDisplayTimeZone(infoResult.value.timeZone);
        setInfo(infoResult.value);
        // Replies and events share one ordered channel: this reply is newer than any event before it.
        setSession(sessionResult.value);
      },
    );
    return () => {
      current = false;
      stopLost();
      stopEvents();
    };
  }, [connection]);

  const showSession = useCallback((view: SessionView) => setSession(view), []);

  let state: WorkstationState;
  if (lost || error?.code === 'DISCONNECTED') state = { phase: 'lost' };
  else if (error !== null) state = { phase: 'failed', error };
  else if (info === null || session === null) state = { phase: 'connecting' };
  else state = { phase: 'ready', info, session };
  return { state, showSession };
}
