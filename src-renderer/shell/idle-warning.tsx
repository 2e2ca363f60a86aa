// The warning before an idle lock: prominent, with a live countdown, announced once (politely,
// not every second). Any input in the window cancels it through the activity reporter; the
// button is there for whoever reads it first.
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Icon } from '../components/icon';

function secondsLeft(locksAt: string): number {
  return Math.max(0, Math.ceil((new Date(locksAt).getTime() - Date.now()) / 1000));
}

interface IdleWarningProps {
  /** When the session locks unless there is input; null while there is no warning. */
  locksAt: string | null;
  onStay: () => void;
}

export function IdleWarning({ locksAt, onStay }: IdleWarningProps) {
  const [, setNow] = useState(0);
  useEffect(() => {
    if (locksAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [locksAt]);

  const seconds = locksAt === null ? null : secondsLeft(locksAt);
  return (
    <>
      {/* Always in the page, so the sentence is announced when it appears; it changes only when
          a warning starts or ends, never with the countdown. A polite live region, not a status
          role: the page's own status line stays the only one. */}
      <p className="visually-hidden" aria-live="polite" id="idle-warning-announcement">
        {locksAt === null
          ? ''
          : 'This workstation is about to lock. Move the mouse or press a key to stay signed in.'}
      </p>
      {seconds !== null && (
        <section className="idle-warning" aria-labelledby="idle-warning-text">
          <Icon name="clock" size={28} />
          <p id="idle-warning-text" className="idle-warning-text">
            Locking in <span className="idle-warning-seconds">{seconds} s</span> — move the mouse or press a
            key to stay signed in
          </p>
          <Button className="button button-primary" onPress={onStay}>
            Stay signed in
          </Button>
        </section>
      )}
    </>
  );
}
