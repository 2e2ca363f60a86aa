// Tells main that someone is at the desk: input in this window (keys, pointer, wheel, the window
// taking focus) calls `session.activity`, at most once every 15 s — and at once while the idle
// warning shows, since any input must cancel it. Mounted only with the signed-in shell, so a
// locked or signed-out window reports nothing. Reports lead, never trail: the lock may come up to
// 15 s early, never later than policy.
import { useEffect, useRef } from 'react';
import { useClient } from '../bridge/connection-context';

export const ACTIVITY_REPORT_MS = 15_000;

const inputEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focus'] as const;

export function useActivityReporter(warningShown: boolean): void {
  const client = useClient();
  const warning = useRef(warningShown);
  useEffect(() => {
    warning.current = warningShown;
  }, [warningShown]);

  useEffect(() => {
    // Main counted the sign-in or unlock that mounted this as activity: the first report can wait.
    let lastReport = performance.now();
    let pointer: { x: number; y: number } | null = null;
    const onInput = (event: Event) => {
      // Chromium repeats a pointer move when the page changes under a still mouse: only a move
      // that moved counts.
      if (event instanceof PointerEvent && event.type === 'pointermove') {
        const moved = pointer === null || pointer.x !== event.screenX || pointer.y !== event.screenY;
        pointer = { x: event.screenX, y: event.screenY };
        if (!moved) return;
      }
      const now = performance.now();
      if (!warning.current && now - lastReport < ACTIVITY_REPORT_MS) return;
      lastReport = now;
      // A refusal (the session locked meanwhile) needs no answer: the lock screen follows.
      void client.call('session.activity', {});
    };
    const options = { capture: true, passive: true };
    for (const type of inputEvents) window.addEventListener(type, onInput, options);
    return () => {
      for (const type of inputEvents) window.removeEventListener(type, onInput, options);
    };
  }, [client]);
}
