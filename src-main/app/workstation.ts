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
import { createInmateRecords } from '../store/inmate-records';
import { createInmateSearch } from '../store/inmate-search';
import { createSync, type Sync } from '../sync';
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
  /** The records-service device token, read from the keychain at each attempt. */
  deviceToken: () => Promise<string | null>;
  /** The contents of policy.records.caFile, when policy names one. */
  recordsCaPem: string | null;
  /** false: build the sync but do not start it (tests that have no records service). */
  startSync?: boolean;
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
  readonly sync: Sync;
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
  const sync = createSync({
    cache,
    audit: createAuditTrail({ db: cache.db, workstation: workstationName, source: 'sync', clock }),
    policy,
    deviceToken: options.deviceToken,
    caPem: options.recordsCaPem,
    clock,
    ...(options.random === undefined ? {} : { random: options.random }),
    log,
  });
  const signIn = createSignInService({
    db: cache.db,
    audit,
    directory: options.directory,
    session,
    policy,
    clock,
    ...(options.random === undefined ? {} : { random: options.random }),
    // An officer enrols once for the whole facility: the enrolment travels through the outbox.
    onEnrolled: async ({ username, secret, enrolledAt }) => {
      await sync.enqueue({
        kind: 'set-enrolment',
        actor: username,
        username,
        totpSecret: secret,
        changedAt: enrolledAt,
      });
    },
    log,
  });
  const staff = createStaffAdmin({
    db: cache.db,
    audit,
    lockout: signIn.lockout,
    clock,
    enrolmentCodeMinutes: policy.mfa.enrolmentCodeMinutes,
    onReset: async ({ username, by, at }) => {
      await sync.enqueue({ kind: 'set-enrolment', actor: by, username, totpSecret: null, changedAt: at });
    },
  });
  const inmates = createInmateRecords(cache.db, createInmateSearch(cache.sqlite));
  const listeners = new Set<EventListener>();
  const info: AppInfo = {
    product: 'Sallyport',
    version,
    host,
    facilityName: policy.facility.name,
    timeZone: policy.facility.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    workstation: workstationName,
    banner: { title: policy.banner.title, text: policy.banner.text },
    totpDigits: policy.mfa.digits,
    warnings: policyWarnings(policy),
  };

  const stopSyncEvents = sync.onStatus((status) => {
    for (const listener of listeners) listener('sync.changed', status);
  });

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
    'inmates.search': {
      access: { session: 'active', role: 'officer' },
      handle: ({ query }) => ({ hits: inmates.search(query) }),
    },
    'inmates.get': {
      access: { session: 'active', role: 'officer' },
      handle: async ({ id }) => {
        const detail = await inmates.get(id, clock());
        // CJIS AU-2: every read of an inmate's record, with who looked at whom.
        await audit.append({
          action: 'inmate.read',
          actor: actor(),
          target: `inmate:${id}`,
          outcome: detail === null ? 'failure' : 'success',
        });
        if (detail === null)
          throw new AppError('NOT_FOUND', "That inmate is not in this workstation's records.");
        return detail;
      },
    },
    'sync.status': { access: { session: 'active', role: 'officer' }, handle: () => sync.getStatus() },
    'sync.now': { access: { session: 'active', role: 'officer' }, handle: () => sync.syncNow() },
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
  if (options.startSync !== false) sync.start();

  return {
    router,
    session,
    sync,
    signIn,
    staff,
    audit,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      stopSessionEvents();
      stopSyncEvents();
      session.dispose();
      await sync.stop();
      listeners.clear();
    },
  };
}
