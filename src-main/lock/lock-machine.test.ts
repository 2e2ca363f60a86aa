import { describe, expect, it } from 'vitest';
import {
  nextDeadline,
  settingsFromPolicy,
  signedOut,
  transition,
  type LockEvent,
  type LockState,
} from './lock-machine';

const settings = settingsFromPolicy({ idleLockMinutes: 5, warningSeconds: 30, lifetimeHours: 12 });
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 6, 0, 0);

function run(events: LockEvent[], from: LockState = signedOut): LockState {
  return events.reduce((state, event) => transition(state, event, settings), from);
}
const signIn: LockEvent = { type: 'sign-in', at: T0 };

describe('lock state machine', () => {
  it('starts active at sign-in and stays active before the warning', () => {
    expect(run([signIn, { type: 'tick', at: T0 + 4 * MIN }])).toEqual({
      state: 'active',
      startedAt: T0,
      lastActivityAt: T0,
    });
  });

  it('warns for the last 30 seconds, then locks at the idle deadline', () => {
    const warning = run([signIn, { type: 'tick', at: T0 + 4.5 * MIN }]);
    expect(warning).toEqual({ state: 'warning', startedAt: T0, lastActivityAt: T0, locksAt: T0 + 5 * MIN });
    const locked = run([signIn, { type: 'tick', at: T0 + 5 * MIN }]);
    expect(locked).toEqual({ state: 'locked', startedAt: T0, lockedAt: T0 + 5 * MIN, reason: 'idle' });
  });

  it('lets any input during the warning cancel it', () => {
    const state = run([
      signIn,
      { type: 'tick', at: T0 + 4.6 * MIN },
      { type: 'activity', at: T0 + 4.7 * MIN },
    ]);
    expect(state).toEqual({ state: 'active', startedAt: T0, lastActivityAt: T0 + 4.7 * MIN });
    expect(nextDeadline(state, settings)).toBe(T0 + 4.7 * MIN + 4.5 * MIN);
  });

  it('does not let input that arrives after the deadline undo a lock that was due', () => {
    const state = run([signIn, { type: 'activity', at: T0 + 6 * MIN }]);
    expect(state).toMatchObject({ state: 'locked', reason: 'idle', lockedAt: T0 + 5 * MIN });
  });

  it('treats silence as idleness: no report, no activity', () => {
    const state = run([signIn, { type: 'activity', at: T0 + 1 * MIN }, { type: 'tick', at: T0 + 6 * MIN }]);
    expect(state).toMatchObject({ state: 'locked', lockedAt: T0 + 6 * MIN });
  });

  it.each(['requested', 'system-lock', 'suspend', 'user-switch'] as const)(
    'locks at once on %s',
    (reason) => {
      const state = run([signIn, { type: 'lock', at: T0 + MIN, reason }]);
      expect(state).toEqual({ state: 'locked', startedAt: T0, lockedAt: T0 + MIN, reason });
    },
  );

  it('ignores activity while locked and unlocks to active with a fresh idle time', () => {
    const locked = run([
      signIn,
      { type: 'lock', at: T0 + MIN, reason: 'requested' },
      { type: 'activity', at: T0 + 2 * MIN },
    ]);
    expect(locked.state).toBe('locked');
    const unlocked = transition(locked, { type: 'unlock', at: T0 + 3 * MIN }, settings);
    expect(unlocked).toEqual({ state: 'active', startedAt: T0, lastActivityAt: T0 + 3 * MIN });
  });

  it('ends the session at the absolute lifetime, even while locked or active', () => {
    const twelveHours = 12 * 60 * MIN;
    const lockedThrough = run([
      signIn,
      { type: 'lock', at: T0 + MIN, reason: 'requested' },
      { type: 'tick', at: T0 + twelveHours },
    ]);
    expect(lockedThrough).toEqual({ state: 'signed-out', reason: 'lifetime' });
    // Busy all shift: activity every minute does not extend the lifetime.
    let state = run([signIn]);
    for (let m = 1; m < 12 * 60; m += 1)
      state = transition(state, { type: 'activity', at: T0 + m * MIN }, settings);
    expect(state.state).toBe('active');
    expect(transition(state, { type: 'activity', at: T0 + twelveHours }, settings)).toEqual({
      state: 'signed-out',
      reason: 'lifetime',
    });
    // Unlocking after the lifetime is not possible either.
    expect(transition(lockedThrough, { type: 'unlock', at: T0 + twelveHours + 1 }, settings).state).toBe(
      'signed-out',
    );
  });

  it('gives the next deadline for every state', () => {
    expect(nextDeadline(signedOut, settings)).toBeNull();
    expect(nextDeadline(run([signIn]), settings)).toBe(T0 + 4.5 * MIN);
    expect(nextDeadline(run([signIn, { type: 'tick', at: T0 + 4.6 * MIN }]), settings)).toBe(T0 + 5 * MIN);
    expect(nextDeadline(run([signIn, { type: 'lock', at: T0, reason: 'requested' }]), settings)).toBe(
      T0 + 12 * 60 * MIN,
    );
  });

  it('signs out from any state', () => {
    for (const state of [run([signIn]), run([signIn, { type: 'tick', at: T0 + 5 * MIN }])]) {
      expect(transition(state, { type: 'sign-out', at: T0 + 10 * MIN }, settings)).toEqual({
        state: 'signed-out',
        reason: 'signed-out',
      });
    }
  });
});
