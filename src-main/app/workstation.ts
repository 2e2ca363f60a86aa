// The composition root: from a validated policy and the pieces a host provides (clock, log),
// build the services and the router. Nothing else wires services together.
import os from 'node:os';
import { AppError, type AppInfo, type EventName, type EventPayload } from '../../src-shared/contract';
import type { Policy } from '../../src-shared/policy/policy';
import { SessionState, type Clock } from '../auth/session-state';
import { createRouter, type Router } from '../ipc/router';
import type { RouteTable } from '../ipc/route-table';
import type { Logger } from './log';

export type HostKind = AppInfo['host'];

export interface WorkstationOptions {
  policy: Policy;
  host: HostKind;
  version: string;
  clock?: Clock;
  log: Logger;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Workstation {
  readonly router: Router;
  /**
   * The session, for the hosts and the tests of this process. Not part of the IPC contract: a
   * renderer reaches it only through the router's channels.
   */
  readonly session: SessionState;
  /** Events for every connected renderer; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** Conditions IT chose that weaken protection; the UI shows them on every screen. */
export function policyWarnings(policy: Policy): string[] {
  const warnings: string[] = [];
  if (policy.directory.tls === 'plain') {
    warnings.push('Passwords travel to the directory without encryption (policy: directory.tls is "plain").');
  }
  if (policy.records.url.startsWith('http:')) {
    warnings.push('Records travel without encryption (policy: records.url is not https).');
  }
  return warnings;
}

export function createWorkstation(options: WorkstationOptions): Workstation {
  const { policy, host, version, log } = options;
  const clock = options.clock ?? (() => new Date());
  const session = new SessionState(clock);
  const listeners = new Set<EventListener>();
  const info: AppInfo = {
    product: 'Sallyport',
    version,
    host,
    facilityName: policy.facility.name,
    workstation: policy.workstation.name ?? os.hostname(),
    banner: { title: policy.banner.title, text: policy.banner.text },
    warnings: policyWarnings(policy),
  };

  const stopSessionEvents = session.onChange((view) => {
    for (const listener of listeners) listener('session.changed', view);
  });

  const routes: RouteTable = {
    'app.info': { access: { session: 'none' }, handle: () => info },
    'session.current': { access: { session: 'none' }, handle: () => session.view() },
    'signin.acknowledgeBanner': {
      access: { session: 'none' },
      handle: () => ({ acknowledgedAt: session.acknowledgeBanner().toISOString() }),
    },
    'auth.signIn': {
      access: { session: 'none' },
      handle: () => {
        if (!session.bannerAcknowledged()) {
          throw new AppError('BANNER_NOT_ACKNOWLEDGED', 'Read and accept the system-use notice first.');
        }
        // Directory and TOTP sign-in are the next piece of work (issue 4); until then the
        // workstation says so plainly rather than pretending.
        throw new AppError(
          'SIGNIN_UNAVAILABLE',
          'Sign-in is not available in this build of Sallyport yet. Ask IT for the current release.',
        );
      },
    },
    'auth.signOut': {
      access: { session: 'any' },
      handle: () => {
        session.signOut();
        return session.view();
      },
    },
  };

  const router = createRouter({ routes, gate: session, log });

  return {
    router,
    session,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      stopSessionEvents();
      listeners.clear();
    },
  };
}
