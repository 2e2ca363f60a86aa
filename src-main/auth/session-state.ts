// The workstation's one session: signed out (with or without the system-use banner acknowledged),
// active, or locked. Sign-in and the lock build on this; the router reads it through SessionGate.
import { randomBytes } from 'node:crypto';
import type { Officer, SessionView } from '../../src-shared/contract';
import type { Role } from '../../src-shared/domain/roles';
import type { SessionGate } from '../ipc/route-table';

export type Clock = () => Date;

type State =
  | { state: 'signed-out'; bannerAcknowledgedAt: Date | null }
  | { state: 'active' | 'locked'; id: string; officer: Officer; online: boolean; since: Date };

export class SessionState implements SessionGate {
  #state: State = { state: 'signed-out', bannerAcknowledgedAt: null };
  readonly #listeners = new Set<(view: SessionView) => void>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  current(): { state: 'signed-out' } | { state: 'active' | 'locked'; role: Role } {
    const s = this.#state;
    return s.state === 'signed-out' ? { state: 'signed-out' } : { state: s.state, role: s.officer.role };
  }

  view(): SessionView {
    const s = this.#state;
    switch (s.state) {
      case 'signed-out':
        return { state: 'signed-out', bannerAcknowledged: s.bannerAcknowledgedAt !== null };
      case 'active':
        return { state: 'active', officer: s.officer, online: s.online, since: s.since.toISOString() };
      case 'locked':
        return { state: 'locked', officer: s.officer, since: s.since.toISOString() };
    }
  }

  acknowledgeBanner(): Date {
    const now = this.#clock();
    if (this.#state.state === 'signed-out') {
      this.#state = { state: 'signed-out', bannerAcknowledgedAt: now };
      this.#emit();
    }
    return now;
  }

  bannerAcknowledged(): boolean {
    return this.#state.state === 'signed-out' && this.#state.bannerAcknowledgedAt !== null;
  }

  /**
   * Starts a new session for an officer whose credentials were verified: a fresh identifier of
   * 256 bits from the CSPRNG at every sign-in (CJIS IA-5, ASVS 5 7.2.4), held in memory only.
   */
  begin(officer: Officer, options: { online: boolean }): void {
    const id = randomBytes(32).toString('hex');
    this.#state = { state: 'active', id, officer, online: options.online, since: this.#clock() };
    this.#emit();
  }

  /** Locks an active session: it holds until the officer re-authenticates (CJIS AC-11). */
  lock(): void {
    if (this.#state.state !== 'active') return;
    this.#state = { ...this.#state, state: 'locked' };
    this.#emit();
  }

  /** Ends the session; the banner must be acknowledged again before the next sign-in. */
  signOut(): void {
    this.#state = { state: 'signed-out', bannerAcknowledgedAt: null };
    this.#emit();
  }

  onChange(listener: (view: SessionView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(): void {
    const view = this.view();
    for (const listener of this.#listeners) listener(view);
  }
}
