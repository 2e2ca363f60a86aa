// The window's content protection follows the workstation's real SessionState: on while locked.
import { describe, expect, it } from 'vitest';
import { SessionState, type Timers } from '../auth/session-state';
import { protectWhileLocked } from './content-protection';

const officer = { username: 'dokafor', displayName: 'Daniel Okafor', role: 'officer' as const };
const noTimers: Timers = { set: () => null, clear: () => undefined };

function setup() {
  const session = new SessionState(() => new Date('2026-11-25T06:00:00Z'), {
    settings: { idleMs: 300_000, warningMs: 30_000, lifetimeMs: 43_200_000 },
    timers: noTimers,
  });
  session.begin(officer, { online: true });
  return { session };
}

describe('content protection', () => {
  it('protects the window from capture while locked, and only then', () => {
    const { session } = setup();
    const calls: boolean[] = [];
    const window = { setContentProtection: (on: boolean) => calls.push(on), isDestroyed: () => false };
    const stop = protectWhileLocked(window, session);
    expect(calls).toEqual([false]);
    session.lock('requested');
    expect(calls).toEqual([false, true]);
    session.unlock();
    expect(calls).toEqual([false, true, false]);
    session.lock('system-lock');
    session.signOut();
    expect(calls).toEqual([false, true, false, true, false]);
    stop();
    session.begin(officer, { online: true });
    session.lock('requested');
    expect(calls).toHaveLength(5);
  });

  it('starts protected when the session is already locked, and leaves a closed window alone', () => {
    const { session } = setup();
    session.lock('requested');
    const calls: boolean[] = [];
    let destroyed = false;
    const window = { setContentProtection: (on: boolean) => calls.push(on), isDestroyed: () => destroyed };
    protectWhileLocked(window, session);
    expect(calls).toEqual([true]);
    destroyed = true;
    session.unlock();
    expect(calls).toEqual([true]);
  });
});
