// The OS's power and idle events against a stand-in powerMonitor (an EventEmitter with an idle
// counter) and the workstation's real SessionState on a fake clock.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SessionState, type Timers } from '../auth/session-state';
import { watchPowerEvents, type Every } from './power-events';

const MIN = 60_000;
const officer = { username: 'dokafor', displayName: 'Daniel Okafor', role: 'officer' as const };
/** The session's own timer never fires here: the test moves the clock and ticks. */
const noTimers: Timers = { set: () => null, clear: () => undefined };

function setup() {
  let now = new Date('2026-11-25T06:00:00Z').getTime();
  const clock = () => new Date(now);
  const session = new SessionState(clock, {
    settings: { idleMs: 5 * MIN, warningMs: 30_000, lifetimeMs: 12 * 60 * MIN },
    timers: noTimers,
  });
  session.begin(officer, { online: true });
  const powerMonitor = Object.assign(new EventEmitter(), {
    idleSeconds: 0,
    getSystemIdleTime: (): number => powerMonitor.idleSeconds,
  });
  let poll: (() => void) | null = null;
  let pollMs = 0;
  const every: Every = (ms, tick) => {
    pollMs = ms;
    poll = tick;
    return () => (poll = null);
  };
  const stop = watchPowerEvents({ powerMonitor: powerMonitor as never, session, clock, every });
  /** Time passes with the OS idle counter following it (nobody at the desk). */
  const pass = (ms: number) => {
    now += ms;
    powerMonitor.idleSeconds += Math.floor(ms / 1000);
  };
  return {
    session,
    powerMonitor,
    stop,
    pass,
    poll: () => poll?.(),
    pollMs: () => pollMs,
    polling: () => poll !== null,
  };
}

describe('power events', () => {
  it.each([
    ['lock-screen', 'system-lock'],
    ['suspend', 'suspend'],
    ['user-did-resign-active', 'user-switch'],
  ])('locks at once on %s, with the reason %s', (event, reason) => {
    const { session, powerMonitor } = setup();
    powerMonitor.emit(event);
    expect(session.view()).toMatchObject({ state: 'locked', reason });
  });

  it('does not lock on events that say nothing about who is at the desk', () => {
    const { session, powerMonitor } = setup();
    for (const event of ['resume', 'unlock-screen', 'user-did-become-active', 'on-ac', 'on-battery']) {
      powerMonitor.emit(event);
    }
    expect(session.view().state).toBe('active');
  });

  it('reports input elsewhere on the machine (system idle shorter than the time since the last report)', () => {
    const { session, powerMonitor, pass, poll, pollMs } = setup();
    expect(pollMs()).toBeLessThanOrEqual(10_000);
    // 4.5 minutes with no input in the app, but someone typed in another window 20 s ago.
    pass(4.5 * 60_000);
    powerMonitor.idleSeconds = 20;
    poll();
    pass(60_000);
    session.tick();
    // Without the report the session would have warned at 4.5 min and locked at 5.
    expect(session.view()).toMatchObject({ state: 'active', locksAt: null });
    pass(3.2 * 60_000);
    session.tick();
    expect(session.view()).toMatchObject({ state: 'active' });
    expect(session.view()).not.toMatchObject({ locksAt: null });
  });

  it('reports nothing while the idle count only grows, so an empty desk still locks', () => {
    const { session, pass, poll } = setup();
    for (let elapsed = 0; elapsed < 5 * MIN; elapsed += 5000) {
      pass(5000);
      poll();
    }
    session.tick();
    expect(session.view()).toMatchObject({ state: 'locked', reason: 'idle' });
  });

  it('does not unlock: input at a locked workstation is not a sign-in', () => {
    const { session, powerMonitor, pass, poll } = setup();
    powerMonitor.emit('lock-screen');
    pass(10_000);
    powerMonitor.idleSeconds = 0;
    poll();
    expect(session.view().state).toBe('locked');
  });

  it('unsubscribes every listener and stops polling', () => {
    const { session, powerMonitor, stop, polling } = setup();
    stop();
    expect(powerMonitor.eventNames()).toEqual([]);
    expect(polling()).toBe(false);
    powerMonitor.emit('suspend');
    expect(session.view().state).toBe('active');
  });
});
