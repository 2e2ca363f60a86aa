// The composition root: from a validated policy, the opened cache, the directory and the pieces a
// host provides (clock, log), build the services and the router. Nothing else wires services.
import os from 'node:os';
import { AppError, type AppInfo, type EventName, type EventPayload } from '../../src-shared/contract';
import type { Policy } from '../../src-shared/policy/policy';
import { createAuditTrail, type AuditTrail } from '../audit/audit-trail';
import type { Directory } from '../auth/directory/directory';
import { SessionState, type Clock } from '../auth/session-state';
import { createSignInService, type SignInService } from '../auth/sign-in-service';
import { createStaffAdmin, type StaffAdmin } from '../auth/staff-admin';
import { createRouter, type Router } from '../ipc/router';
import { settingsFromPolicy } from '../lock/lock-machine';
import type { RouteTable } from '../ipc/route-table';
import type { Cache } from '../store/open-cache';
import type { Logger } from './log';

export type HostKind = AppInfo['host'];

export interface WorkstationOptions {
  policy: Policy;
  host: HostKind;
  version: string;
  /** The encrypted cache, opened and migrated by the entry with the key from the keychain. */
  cache: Cache;
  directory: Directory;
  clock?: Clock;
  random?: () => number;
  log: Logger;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Workstation {
  readonly router: Router;
  /**
   * The services, for the hosts and the tests of this process. Not part of the IPC contract: a
   * renderer reaches them only through the router's channels.
   */
  readonly session: SessionState;
  readonly signIn: SignInService;
  readonly staff: StaffAdmin;
  readonly audit: AuditTrail;
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
  const { policy, host, version, log, cache } = options;
  const clock = options.clock ?? (() => new Date());
  const workstationName = policy.workstation.name ?? os.hostname();
  const session = new SessionState(clock, {
    settings: settingsFromPolicy(policy.session),
    unlockNeedsCode: policy.session.unlockRequiresTotp,
  });
  const audit = createAuditTrail({ db: cache.db, workstation: workstationName, clock });
  const signIn = createSignInService({
    db: cache.db,
    audit,
    directory: options.directory,
    session,
    policy,
    clock,
    ...(options.random === undefined ? {} : { random: options.random }),
    log,
  });
  const staff = createStaffAdmin({
    db: cache.db,
    audit,
    lockout: signIn.lockout,
    clock,
    enrolmentCodeMinutes: policy.mfa.enrolmentCodeMinutes,
  });
  const listeners = new Set<EventListener>();
  const info: AppInfo = {
    product: 'Sallyport',
    version,
    host,
    facilityName: policy.facility.name,
    workstation: workstationName,
    banner: { title: policy.banner.title, text: policy.banner.text },
    totpDigits: policy.mfa.digits,
    warnings: policyWarnings(policy),
  };

  // Locks and expiries happen on a timer or an OS event as well as on request: audit them where
  // every one of them passes.
  let previous = session.view();
  const stopSessionEvents = session.onChange((view) => {
    const before = previous;
    previous = view;
    for (const listener of listeners) listener('session.changed', view);
    const record =
      view.state === 'locked' && before.state === 'active'
        ? audit.append({
            action: 'session.lock',
            actor: view.officer.username,
            outcome: 'success',
            details: { reason: view.reason },
          })
        : view.state === 'signed-out' && view.ended === 'lifetime' && before.state !== 'signed-out'
          ? audit.append({ action: 'session.expire', actor: before.officer.username, outcome: 'success' })
          : null;
    record?.catch((error: unknown) =>
      log.error({ error: error instanceof Error ? error.name : 'unknown' }, 'audit write failed'),
    );
  });

  /** The signed-in officer's username, for the audit trail of what they do. */
  const actor = (): string => {
    const view = session.view();
    if (view.state === 'signed-out') throw new AppError('SIGNED_OUT', 'Sign in to continue.');
    return view.officer.username;
  };

  const routes: RouteTable = {
    'app.info': { access: { session: 'none' }, handle: () => info },
    'session.current': { access: { session: 'none' }, handle: () => session.view() },
    'signin.acknowledgeBanner': {
      access: { session: 'none' },
      handle: async () => {
        const at = session.acknowledgeBanner();
        await audit.append({ action: 'auth.banner-acknowledge', actor: 'anonymous', outcome: 'success' });
        return { acknowledgedAt: at.toISOString() };
      },
    },
    'auth.signIn': { access: { session: 'none' }, handle: (request) => signIn.signIn(request) },
    'auth.confirmEnrolment': {
      access: { session: 'none' },
      handle: async ({ code }) => ({ ...(await signIn.confirmEnrolment(code)), session: session.view() }),
    },
    'auth.cancelSignIn': {
      access: { session: 'none' },
      handle: () => {
        signIn.cancel();
        return session.view();
      },
    },
    'auth.signOut': {
      access: { session: 'any' },
      handle: async () => {
        const username = actor();
        session.signOut();
        await audit.append({ action: 'auth.sign-out', actor: username, outcome: 'success' });
        return session.view();
      },
    },
    'session.activity': {
      access: { session: 'active', role: 'officer' },
      handle: () => {
        session.activity();
        const view = session.view();
        return { locksAt: view.state === 'active' ? view.locksAt : null };
      },
    },
    'session.lock': {
      access: { session: 'active', role: 'officer' },
      handle: () => {
        session.lock('requested');
        return session.view();
      },
    },
    'session.unlock': {
      access: { session: 'any' },
      handle: async (request) => {
        await signIn.unlock(request);
        return session.view();
      },
    },
    'session.endLocked': {
      access: { session: 'any' },
      handle: async (request) => {
        await signIn.endLocked(request);
        return session.view();
      },
    },
    'staff.list': {
      access: { session: 'active', role: 'administrator' },
      handle: async () => ({ staff: await staff.list() }),
    },
    'staff.issueEnrolmentCode': {
      access: { session: 'active', role: 'administrator' },
      handle: ({ username }) => staff.issueEnrolmentCode(username, actor()),
    },
    'staff.resetMfa': {
      access: { session: 'active', role: 'administrator' },
      handle: ({ username }) => staff.resetMfa(username, actor()),
    },
    'staff.releaseLockout': {
      access: { session: 'active', role: 'administrator' },
      handle: ({ username }) => staff.releaseLockout(username, actor()),
    },
  };

  const router = createRouter({ routes, gate: session, log });

  return {
    router,
    session,
    signIn,
    staff,
    audit,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      stopSessionEvents();
      session.dispose();
      listeners.clear();
    },
  };
}
