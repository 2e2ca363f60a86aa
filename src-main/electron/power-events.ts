// What the operating system says about the person at the desk: its screen lock, suspend and a
// switch of user lock the session at once; its idle time is input the renderer never sees (other
// windows, a mouse moved over the desktop), reported as activity every few seconds.
import type { PowerMonitor } from 'electron';
import type { LockReason } from '../../src-shared/contract';

export type PowerSource = Pick<PowerMonitor, 'on' | 'off' | 'getSystemIdleTime'>;

/** The part of the workstation's SessionState these events drive. */
export interface PowerSessionControls {
  lock(reason: Exclude<LockReason, 'idle'>): void;
  activity(at: Date): void;
}

/** Starts `tick` every `ms`; returns the stop function. */
export type Every = (ms: number, tick: () => void) => () => void;

const every: Every = (ms, tick) => {
  const handle = setInterval(tick, ms);
  handle.unref();
  return () => clearInterval(handle);
};

export const IDLE_POLL_MS = 5000;
const IDLE_GRAIN_MS = 1000;

/**
 * The events that lock at once, and why. 'lock-screen' also fires on Windows when the user is
 * switched (the session is locked first); 'user-did-resign-active' is macOS fast user switching.
 * Linux desktops report neither: there the system idle time and the app's own timer lock it.
 */
const lockingEvents = [
  ['lock-screen', 'system-lock'],
  ['suspend', 'suspend'],
  ['user-did-resign-active', 'user-switch'],
] as const;

export interface PowerEventOptions {
  powerMonitor: PowerSource;
  session: PowerSessionControls;
  clock?: () => Date;
  pollMs?: number;
  every?: Every;
}

/** Subscribes the session to the OS's power and idle events; returns the unsubscribe function. */
export function watchPowerEvents(options: PowerEventOptions): () => void {
  const { powerMonitor, session } = options;
  const clock = options.clock ?? (() => new Date());
  const unsubscribers = lockingEvents.map(([event, reason]) => {
    const listener = () => session.lock(reason);
    // One event name at a time: Electron types `on`/`off` per event, and these all take no arguments.
    powerMonitor.on(event as 'suspend', listener);
    return () => powerMonitor.off(event as 'suspend', listener);
  });

  // The OS counts whole seconds since the last input anywhere. Input newer than what was last
  // reported is activity at (now − idle); an idle count that only grows reports nothing (within
  // the count's one-second grain, so a poll a few milliseconds late is not mistaken for input).
  let reported = clock().getTime();
  const stopPolling = (options.every ?? every)(options.pollMs ?? IDLE_POLL_MS, () => {
    const now = clock().getTime();
    const lastInput = now - powerMonitor.getSystemIdleTime() * 1000;
    if (lastInput <= reported + IDLE_GRAIN_MS) return;
    reported = lastInput;
    session.activity(new Date(lastInput));
  });

  return () => {
    stopPolling();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
