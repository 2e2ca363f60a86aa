// The session's lock state machine, pure: given a state and an event (with the time it happened)
// it returns the next state, and `nextDeadline` says when time alone will change it. A driver
// turns deadlines into timers; tests drive it with a fake clock.
//
// signed-out ──sign-in──▶ active ──idle − warning──▶ warning ──idle──▶ locked ──unlock──▶ active
//                           ▲                           │ any input
//                           └───────────────────────────┘
// From any signed-in state: lock now (shortcut, OS lock, suspend, user switch) ▶ locked;
// the absolute lifetime ▶ signed-out; sign-out ▶ signed-out.

export interface LockSettings {
  idleMs: number;
  warningMs: number;
  lifetimeMs: number;
}

export type LockReason = 'idle' | 'requested' | 'system-lock' | 'suspend' | 'user-switch';
export type EndReason = 'signed-out' | 'lifetime' | 'ended-while-locked';

export type LockState =
  | { state: 'signed-out'; reason: EndReason | null }
  | { state: 'active'; startedAt: number; lastActivityAt: number }
  | { state: 'warning'; startedAt: number; lastActivityAt: number; locksAt: number }
  | { state: 'locked'; startedAt: number; lockedAt: number; reason: LockReason };

export type LockEvent =
  | { type: 'sign-in'; at: number }
  | { type: 'activity'; at: number }
  | { type: 'tick'; at: number }
  | { type: 'lock'; at: number; reason: Exclude<LockReason, 'idle'> }
  | { type: 'unlock'; at: number }
  | { type: 'sign-out'; at: number; reason?: EndReason };

export const signedOut: LockState = { state: 'signed-out', reason: null };

function lifetimeOver(startedAt: number, at: number, settings: LockSettings): boolean {
  return at >= startedAt + settings.lifetimeMs;
}

/** Applies the passage of time up to `at` to a signed-in state. */
function advance(state: LockState, at: number, settings: LockSettings): LockState {
  if (state.state === 'signed-out') return state;
  if (lifetimeOver(state.startedAt, at, settings)) return { state: 'signed-out', reason: 'lifetime' };
  if (state.state === 'locked') return state;
  const locksAt = state.lastActivityAt + settings.idleMs;
  if (at >= locksAt)
    return { state: 'locked', startedAt: state.startedAt, lockedAt: locksAt, reason: 'idle' };
  if (at >= locksAt - settings.warningMs) {
    return { state: 'warning', startedAt: state.startedAt, lastActivityAt: state.lastActivityAt, locksAt };
  }
  return { state: 'active', startedAt: state.startedAt, lastActivityAt: state.lastActivityAt };
}

export function transition(state: LockState, event: LockEvent, settings: LockSettings): LockState {
  // Time passes first: input that arrives after the deadline does not undo a lock that was due.
  const now = advance(state, event.at, settings);
  switch (event.type) {
    case 'sign-in':
      return { state: 'active', startedAt: event.at, lastActivityAt: event.at };
    case 'tick':
      return now;
    case 'activity':
      if (now.state === 'active' || now.state === 'warning') {
        const lastActivityAt = Math.max(now.lastActivityAt, event.at);
        return { state: 'active', startedAt: now.startedAt, lastActivityAt };
      }
      return now;
    case 'lock':
      if (now.state === 'active' || now.state === 'warning') {
        return { state: 'locked', startedAt: now.startedAt, lockedAt: event.at, reason: event.reason };
      }
      return now;
    case 'unlock':
      // The caller has re-authenticated the user; the lifetime still runs from the first sign-in.
      if (now.state === 'locked')
        return { state: 'active', startedAt: now.startedAt, lastActivityAt: event.at };
      return now;
    case 'sign-out':
      return { state: 'signed-out', reason: event.reason ?? 'signed-out' };
  }
}

/** When time alone will next change the state; null when it never will. */
export function nextDeadline(state: LockState, settings: LockSettings): number | null {
  switch (state.state) {
    case 'signed-out':
      return null;
    case 'locked':
      return state.startedAt + settings.lifetimeMs;
    case 'active':
      return Math.min(
        state.lastActivityAt + settings.idleMs - settings.warningMs,
        state.startedAt + settings.lifetimeMs,
      );
    case 'warning':
      return Math.min(state.locksAt, state.startedAt + settings.lifetimeMs);
  }
}

export function settingsFromPolicy(session: {
  idleLockMinutes: number;
  warningSeconds: number;
  lifetimeHours: number;
}): LockSettings {
  return {
    idleMs: session.idleLockMinutes * 60_000,
    warningMs: session.warningSeconds * 1000,
    lifetimeMs: session.lifetimeHours * 3_600_000,
  };
}
