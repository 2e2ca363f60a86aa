// The workstation's one session, with the lock state machine of src-main/lock inside it: signed
// out (with or without the system-use banner acknowledged), active (with the idle warning), or
// locked. It turns the machine's deadlines into a timer, and the router reads it through
// SessionGate, so a locked session gets no data from any channel.
import { randomBytes } from 'node:crypto';
import type { LockReason, Officer, SessionView } from '../../src-shared/contract';
import type { Role } from '../../src-shared/domain/roles';
import type { SessionGate } from '../ipc/route-table';
import {
  nextDeadline,
  signedOut,
  transition,
  type LockEvent,
  type LockSettings,
  type LockState,
} from '../lock/lock-machine';

export type Clock = () => Date;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

type Ended = 'lifetime' | 'ended-by-administrator' | null;

export class SessionState implements SessionGate {
  #lock: LockState = signedOut;
  #officer: Officer | null = null;
  #online = false;
  #id: string | null = null;
  #bannerAcknowledgedAt: Date | null = null;
  #ended: Ended = null;
  #timer: unknown = null;
  readonly #listeners = new Set<(view: SessionView) => void>();
  readonly #clock: Clock;
  readonly #settings: LockSettings;
  readonly #timers: Timers;
  readonly #unlockNeedsCode: boolean;

  constructor(
    clock: Clock,
    options: { settings: LockSettings; unlockNeedsCode?: boolean; timers?: Timers } = {
      settings: { idleMs: 5 * 60_000, warningMs: 30_000, lifetimeMs: 12 * 3_600_000 },
    },
  ) {
    this.#clock = clock;
    this.#settings = options.settings;
    this.#timers = options.timers ?? realTimers;
    this.#unlockNeedsCode = options.unlockNeedsCode ?? false;
  }

  current(): { state: 'signed-out' } | { state: 'active' | 'locked'; role: Role } {
    this.#apply({ type: 'tick', at: this.#now() });
    const officer = this.#officer;
    if (this.#lock.state === 'signed-out' || officer === null) return { state: 'signed-out' };
    return { state: this.#lock.state === 'locked' ? 'locked' : 'active', role: officer.role };
  }

  view(): SessionView {
    const lock = this.#lock;
    const officer = this.#officer;
    if (lock.state === 'signed-out' || officer === null) {
      return {
        state: 'signed-out',
        bannerAcknowledged: this.#bannerAcknowledgedAt !== null,
        ended: this.#ended,
      };
    }
    const since = new Date(lock.startedAt).toISOString();
    if (lock.state === 'locked') {
      return {
        state: 'locked',
        officer,
        since,
        lockedAt: new Date(lock.lockedAt).toISOString(),
        reason: lock.reason,
        unlockNeedsCode: this.#unlockNeedsCode,
      };
    }
    return {
      state: 'active',
      officer,
      online: this.#online,
      since,
      locksAt: lock.state === 'warning' ? new Date(lock.locksAt).toISOString() : null,
    };
  }

  /** The signed-in (or locked) officer, or null. */
  officer(): Officer | null {
    return this.#lock.state === 'signed-out' ? null : this.#officer;
  }

  online(): boolean {
    return this.#online;
  }

  /** The session's identifier while one exists; never sent to a renderer or written to disk. */
  id(): string | null {
    return this.#id;
  }

  acknowledgeBanner(): Date {
    const now = this.#clock();
    if (this.#lock.state === 'signed-out') {
      this.#bannerAcknowledgedAt = now;
      this.#emit();
    }
    return now;
  }

  bannerAcknowledged(): boolean {
    return this.#lock.state === 'signed-out' && this.#bannerAcknowledgedAt !== null;
  }

  /**
   * Starts a new session for an officer whose credentials were verified: a fresh identifier of
   * 256 bits from the CSPRNG at every sign-in (CJIS IA-5, ASVS 5 7.2.4), held in memory only.
   */
  begin(officer: Officer, options: { online: boolean }): void {
    this.#id = randomBytes(32).toString('hex');
    this.#officer = officer;
    this.#online = options.online;
    this.#ended = null;
    this.#bannerAcknowledgedAt = null;
    this.#apply({ type: 'sign-in', at: this.#now() }, true);
  }

  /** Input at the workstation. Returns when the idle warning ends, if it is showing. */
  activity(at: Date = this.#clock()): void {
    this.#apply({ type: 'activity', at: at.getTime() });
  }

  /** Locks an active session: it holds until the officer re-authenticates (CJIS AC-11). */
  lock(reason: Exclude<LockReason, 'idle'> = 'requested'): void {
    this.#apply({ type: 'lock', at: this.#now(), reason });
  }

  /** After the caller re-authenticated the officer. */
  unlock(): void {
    this.#apply({ type: 'unlock', at: this.#now() });
  }

  /** Applies the passage of time (the timer calls this; tests with a fake clock call it too). */
  tick(): void {
    this.#apply({ type: 'tick', at: this.#now() });
  }

  /** Ends the session; the banner must be acknowledged again before the next sign-in. */
  signOut(ended: Ended = null): void {
    this.#bannerAcknowledgedAt = null;
    this.#ended = ended;
    this.#apply({ type: 'sign-out', at: this.#now() }, true);
  }

  onChange(listener: (view: SessionView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops the timer (at shutdown). */
  dispose(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
  }

  #now(): number {
    return this.#clock().getTime();
  }

  #apply(event: LockEvent, always = false): void {
    const before = this.#lock;
    const after = transition(before, event, this.#settings);
    this.#lock = after;
    if (after.state === 'signed-out') {
      if (before.state !== 'signed-out' && after.reason === 'lifetime') this.#ended = 'lifetime';
      this.#officer = after.state === 'signed-out' ? null : this.#officer;
      this.#id = null;
    }
    this.#schedule();
    const visible = always || before.state !== after.state;
    if (visible) this.#emit();
  }

  #schedule(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    const deadline = nextDeadline(this.#lock, this.#settings);
    if (deadline === null) return;
    this.#timer = this.#timers.set(() => this.tick(), deadline - this.#now());
  }

  #emit(): void {
    const view = this.view();
    for (const listener of this.#listeners) listener(view);
  }
}
