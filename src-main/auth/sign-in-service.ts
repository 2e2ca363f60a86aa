// Officer sign-in: the directory password and a second factor in one request (a refusal never says
// which was wrong), lockout per username (CJIS AC-7), TOTP accepted once, first sign-in through an
// administrator's enrolment code, offline sign-in against a verifier where policy allows it, and
// every attempt in the audit trail. It never logs or stores a password or a code.
import { AppError, type SignInRequest, type SignInResult } from '../../src-shared/contract';
import type { Role } from '../../src-shared/domain/roles';
import { roles } from '../../src-shared/domain/roles';
import type { Policy } from '../../src-shared/policy/policy';
import type { AuditTrail } from '../audit/audit-trail';
import type { Database } from '../store/schema';
import type { Kysely } from 'kysely';
import { accountStateMessages } from './directory/account-state';
import type { Directory, DirectoryResult } from './directory/directory';
import { createFailurePacing } from './failure-pacing';
import { createLockout, type Lockout, type LockoutStatus } from './lockout';
import { consumeRecoveryCode, readMfa, replaceRecoveryCodes, updateMfa, type MfaRecord } from './mfa-records';
import { makeVerifier, verifierMatches } from './offline-verifier';
import { codeMatches, newOneTimeCode } from './one-time-codes';
import { qrMatrix } from './qr-matrix';
import type { SessionState } from './session-state';
import { checkTotp, newTotpSecret, totpUri, type TotpSettings } from './totp';
import { usernameKey } from './username';

export const RECOVERY_CODE_COUNT = 10;
const ENROLMENT_WINDOW_MS = 10 * 60_000;

const FAILED = 'The username, password or code is not right.';

export interface SignInDependencies {
  db: Kysely<Database>;
  audit: AuditTrail;
  directory: Directory;
  session: SessionState;
  policy: Pick<Policy, 'facility' | 'mfa' | 'lockout' | 'offline'>;
  clock: () => Date;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after a first sign-in finishes enrolment, so the enrolment can travel to the records service. */
  onEnrolled?: (enrolment: { username: string; secret: string; enrolledAt: string }) => Promise<void>;
  log: { warn(fields: Record<string, unknown>, message: string): void };
}

interface PendingEnrolment {
  username: string;
  displayName: string;
  role: Role;
  secret: string;
  expiresAt: Date;
}

export interface SignInService {
  signIn(request: SignInRequest): Promise<SignInResult>;
  /** Re-authenticates the locked session's officer; failures count toward the lockout. */
  unlock(credentials: { password: string; code: string }): Promise<void>;
  /** An administrator, with their own full credentials, ends someone else's locked session. */
  endLocked(request: SignInRequest): Promise<void>;
  confirmEnrolment(code: string): Promise<{ recoveryCodes: string[] }>;
  cancel(): void;
  readonly lockout: Lockout;
}

function lockedOutError(status: LockoutStatus): AppError {
  const when = status.until === null ? null : status.until.toISOString().slice(11, 16);
  return new AppError(
    'LOCKED_OUT',
    when === null
      ? 'This account is locked after too many failed sign-in attempts. Ask an administrator to release it.'
      : `This account is locked after too many failed sign-in attempts. Try again after ${when} UTC, or ask an administrator to release it.`,
  );
}

function unreachableError(
  reason: 'network' | 'timeout' | 'untrusted-certificate' | 'misconfigured',
): AppError {
  return new AppError(
    'DIRECTORY_UNREACHABLE',
    reason === 'untrusted-certificate' || reason === 'misconfigured'
      ? 'Sallyport cannot connect to the facility directory securely. Tell IT: sign-in is not possible until it is fixed.'
      : 'The facility directory cannot be reached. Try again shortly, or tell IT if it goes on.',
  );
}

type Outcome =
  | { kind: 'verified'; username: string; displayName: string; role: Role; online: boolean }
  | { kind: 'enrol'; result: SignInResult };

function isRole(value: string | null): value is Role {
  return value !== null && (roles as readonly string[]).includes(value);
}

export function createSignInService(deps: SignInDependencies): SignInService {
  const { db, audit, directory, session, policy, clock } = deps;
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const lockout = createLockout({ db, settings: policy.lockout, clock });
  const pacing = createFailurePacing({ initialMs: 150, random });
  const totpSettings: TotpSettings = { digits: policy.mfa.digits, driftSteps: policy.mfa.driftSteps };
  let pending: PendingEnrolment | null = null;

  async function fail(username: string, startedAt: number, reason: string): Promise<never> {
    const { lockedNow, status } = await lockout.recordFailure(username);
    await audit.append({
      action: 'auth.sign-in',
      actor: usernameKey(username),
      outcome: 'failure',
      details: { reason },
    });
    if (lockedNow) {
      await audit.append({
        action: 'auth.lockout',
        actor: 'system',
        target: usernameKey(username),
        outcome: 'success',
        details: { attempts: policy.lockout.maxAttempts },
      });
    }
    await sleep(pacing.remainingFor(clock().getTime() - startedAt));
    throw lockedNow ? lockedOutError(status) : new AppError('SIGNIN_FAILED', FAILED);
  }

  async function refuse(
    username: string,
    startedAt: number,
    reason: string,
    error: AppError,
  ): Promise<never> {
    await audit.append({
      action: 'auth.sign-in',
      actor: usernameKey(username),
      outcome: 'failure',
      details: { reason },
    });
    await sleep(pacing.remainingFor(clock().getTime() - startedAt));
    throw error;
  }

  /** Checks the second factor of an enrolled user; returns the TOTP step to store, if any. */
  async function secondFactorOk(
    mfa: MfaRecord | null,
    request: SignInRequest,
    now: Date,
  ): Promise<{ ok: true; step: number | null } | { ok: false; replayed: boolean }> {
    if (mfa === null || mfa.state !== 'enrolled' || mfa.totpSecret === null)
      return { ok: false, replayed: false };
    const { kind, code } = request.secondFactor;
    if (kind === 'totp') {
      const result = await checkTotp({
        secret: mfa.totpSecret,
        code,
        now,
        lastTimeStep: mfa.lastAcceptedStep,
        settings: totpSettings,
      });
      return result.ok ? { ok: true, step: result.timeStep } : result;
    }
    if (kind === 'recovery') {
      return (await consumeRecoveryCode(db, mfa.username, code, now))
        ? { ok: true, step: null }
        : { ok: false, replayed: false };
    }
    return { ok: false, replayed: false };
  }

  function enrolmentCodeOk(mfa: MfaRecord | null, code: string, now: Date): boolean {
    return (
      mfa !== null &&
      mfa.state === 'code-issued' &&
      mfa.enrolmentCodeHash !== null &&
      mfa.enrolmentCodeExpiresAt !== null &&
      mfa.enrolmentCodeExpiresAt > now &&
      codeMatches(code, mfa.enrolmentCodeHash)
    );
  }

  async function begin(
    username: string,
    displayName: string,
    role: Role,
    online: boolean,
    startedAt: number,
    password: string,
  ): Promise<SignInResult> {
    const now = clock();
    await lockout.recordSuccess(username);
    await updateMfa(db, username, now, {
      display_name: displayName,
      role,
      last_sign_in_at: now.toISOString(),
      ...(online ? { last_online_sign_in_at: now.toISOString() } : {}),
    });
    await audit.append({
      action: online ? 'auth.sign-in' : 'auth.sign-in-offline',
      actor: usernameKey(username),
      outcome: 'success',
      details: { role, online },
    });
    session.begin({ username: usernameKey(username), displayName, role }, { online });
    pacing.recordSuccess(clock().getTime() - startedAt);
    if (online && policy.offline.allowed) {
      // Off the critical path: the memory-hard hash takes longer than the rest of sign-in.
      void makeVerifier(password)
        .then((verifier) => updateMfa(db, username, clock(), { offline_verifier: verifier }))
        .catch((error: unknown) =>
          deps.log.warn(
            { error: error instanceof Error ? error.name : 'unknown' },
            'offline verifier not saved',
          ),
        );
    }
    return { step: 'signed-in', session: session.view() };
  }

  async function offerEnrolment(username: string, displayName: string, role: Role): Promise<SignInResult> {
    const now = clock();
    const secret = newTotpSecret();
    const expiresAt = new Date(now.getTime() + ENROLMENT_WINDOW_MS);
    // The enrolment code is single use: spent now, whether or not the enrolment is finished.
    await updateMfa(db, username, now, {
      state: 'none',
      enrolment_code_hash: null,
      enrolment_code_expires_at: null,
    });
    pending = { username: usernameKey(username), displayName, role, secret, expiresAt };
    const otpauthUri = totpUri({
      secret,
      facility: policy.facility.name,
      username: usernameKey(username),
      digits: policy.mfa.digits,
    });
    return {
      step: 'enrol',
      displayName,
      offer: {
        otpauthUri,
        secret: secret.replace(/(.{4})(?=.)/g, '$1 '),
        qr: qrMatrix(otpauthUri),
        expiresAt: expiresAt.toISOString(),
      },
    };
  }

  async function online(
    request: SignInRequest,
    result: Extract<DirectoryResult, { kind: 'authenticated' }>,
    startedAt: number,
  ): Promise<Outcome> {
    const { user } = result;
    if (user.role === null) {
      return refuse(
        request.username,
        startedAt,
        'not-authorised',
        new AppError(
          'NOT_AUTHORISED',
          'Your directory account is not authorised to use this workstation. Ask IT if you need access.',
        ),
      );
    }
    const now = clock();
    const mfa = await readMfa(db, user.username);
    if (request.secondFactor.kind === 'enrolment') {
      if (!enrolmentCodeOk(mfa, request.secondFactor.code, now))
        return fail(request.username, startedAt, 'second-factor');
      return { kind: 'enrol', result: await offerEnrolment(user.username, user.displayName, user.role) };
    }
    const second = await secondFactorOk(mfa, request, now);
    if (!second.ok) {
      if (second.replayed) {
        await audit.append({
          action: 'auth.totp-replay',
          actor: usernameKey(user.username),
          outcome: 'failure',
        });
      }
      return fail(request.username, startedAt, 'second-factor');
    }
    if (second.step !== null) await updateMfa(db, user.username, now, { last_accepted_step: second.step });
    return {
      kind: 'verified',
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      online: true,
    };
  }

  async function offline(request: SignInRequest, startedAt: number): Promise<Outcome> {
    const now = clock();
    const mfa = await readMfa(db, request.username);
    const recent =
      mfa?.lastOnlineSignInAt != null &&
      now.getTime() - mfa.lastOnlineSignInAt.getTime() <= policy.offline.maxHoursSinceOnline * 3_600_000;
    if (mfa === null || !recent || mfa.offlineVerifier === null || !isRole(mfa.role)) {
      return refuse(
        request.username,
        startedAt,
        'directory-unreachable',
        new AppError(
          'DIRECTORY_UNREACHABLE',
          'The facility directory cannot be reached, and this account cannot sign in offline here. Try again shortly, or tell IT.',
        ),
      );
    }
    const passwordOk = await verifierMatches(request.password, mfa.offlineVerifier);
    const second = await secondFactorOk(mfa, request, now);
    if (!passwordOk || !second.ok) return fail(request.username, startedAt, 'offline-credentials');
    if (second.step !== null) await updateMfa(db, mfa.username, now, { last_accepted_step: second.step });
    return {
      kind: 'verified',
      username: mfa.username,
      displayName: mfa.displayName ?? mfa.username,
      role: mfa.role,
      online: false,
    };
  }

  /** Both factors of a request, whatever the outcome; throws the refusal the user sees. */
  async function verify(request: SignInRequest, startedAt: number): Promise<Outcome> {
    const status = await lockout.status(request.username);
    if (status.locked) return refuse(request.username, startedAt, 'locked-out', lockedOutError(status));
    const result = await directory.authenticate(request.username, request.password);
    switch (result.kind) {
      case 'authenticated':
        return online(request, result, startedAt);
      case 'rejected':
        return fail(request.username, startedAt, 'credentials');
      case 'account-state':
        return refuse(
          request.username,
          startedAt,
          `directory-${result.state}`,
          new AppError('DIRECTORY_ACCOUNT', accountStateMessages[result.state]),
        );
      case 'unreachable':
        deps.log.warn({ reason: result.reason, detail: result.detail }, 'directory unreachable');
        if ((result.reason === 'network' || result.reason === 'timeout') && policy.offline.allowed) {
          return offline(request, startedAt);
        }
        return refuse(
          request.username,
          startedAt,
          `directory-${result.reason}`,
          unreachableError(result.reason),
        );
    }
  }

  return {
    lockout,

    async signIn(request) {
      const startedAt = clock().getTime();
      if (!session.bannerAcknowledged()) {
        throw new AppError('BANNER_NOT_ACKNOWLEDGED', 'Read and accept the system-use notice first.');
      }
      pending = null;
      const outcome = await verify(request, startedAt);
      if (outcome.kind === 'enrol') return outcome.result;
      return begin(
        outcome.username,
        outcome.displayName,
        outcome.role,
        outcome.online,
        startedAt,
        request.password,
      );
    },

    async endLocked(request) {
      const startedAt = clock().getTime();
      const locked = session.view();
      if (locked.state !== 'locked')
        throw new AppError('INVALID_REQUEST', 'There is no locked session to end.');
      if (request.secondFactor.kind === 'enrolment') {
        throw new AppError('INVALID_REQUEST', 'Use your authenticator code or a recovery code.');
      }
      const outcome = await verify(request, startedAt);
      if (outcome.kind !== 'verified' || outcome.role !== 'administrator') {
        await audit.append({
          action: 'session.end-locked',
          actor: usernameKey(request.username),
          target: locked.officer.username,
          outcome: 'failure',
        });
        throw new AppError('FORBIDDEN', "Only an administrator can end another officer's locked session.");
      }
      await lockout.recordSuccess(outcome.username);
      await audit.append({
        action: 'session.end-locked',
        actor: outcome.username,
        target: locked.officer.username,
        outcome: 'success',
      });
      session.signOut('ended-by-administrator');
    },

    async unlock({ password, code }) {
      const startedAt = clock().getTime();
      const locked = session.view();
      if (locked.state !== 'locked') throw new AppError('INVALID_REQUEST', 'This workstation is not locked.');
      const username = locked.officer.username;
      const endSession = async (error: AppError): Promise<never> => {
        session.signOut();
        await audit.append({
          action: 'session.unlock',
          actor: username,
          outcome: 'failure',
          details: { ended: true },
        });
        throw error;
      };
      const status = await lockout.status(username);
      if (status.locked) return endSession(lockedOutError(status));

      const mfa = await readMfa(db, username);
      let passwordOk: boolean;
      const result = await directory.authenticate(username, password);
      if (result.kind === 'authenticated') {
        // A changed directory account is noticed here: no role any more means the session ends.
        if (result.user.role === null) {
          return endSession(
            new AppError(
              'NOT_AUTHORISED',
              'Your directory account is no longer authorised to use this workstation.',
            ),
          );
        }
        passwordOk = usernameKey(result.user.username) === username;
      } else if (result.kind === 'account-state') {
        return endSession(new AppError('DIRECTORY_ACCOUNT', accountStateMessages[result.state]));
      } else if (result.kind === 'unreachable' && mfa?.offlineVerifier != null && policy.offline.allowed) {
        passwordOk = await verifierMatches(password, mfa.offlineVerifier);
      } else if (result.kind === 'unreachable') {
        throw unreachableError(result.reason);
      } else {
        passwordOk = false;
      }
      let step: number | null = null;
      let codeOk = true;
      if (locked.unlockNeedsCode) {
        const second = await secondFactorOk(
          mfa,
          { username, password, secondFactor: { kind: 'totp', code } },
          clock(),
        );
        codeOk = second.ok;
        if (second.ok) step = second.step;
      }
      if (!passwordOk || !codeOk) {
        const { lockedNow, status: after } = await lockout.recordFailure(username);
        await sleep(pacing.remainingFor(clock().getTime() - startedAt));
        if (lockedNow) {
          await audit.append({
            action: 'auth.lockout',
            actor: 'system',
            target: username,
            outcome: 'success',
          });
          return endSession(lockedOutError(after));
        }
        await audit.append({ action: 'session.unlock', actor: username, outcome: 'failure' });
        throw new AppError(
          'SIGNIN_FAILED',
          locked.unlockNeedsCode ? 'The password or code is not right.' : 'That password is not right.',
        );
      }
      if (step !== null) await updateMfa(db, username, clock(), { last_accepted_step: step });
      await lockout.recordSuccess(username);
      await audit.append({ action: 'session.unlock', actor: username, outcome: 'success' });
      session.unlock();
    },

    async confirmEnrolment(code) {
      const now = clock();
      const enrolment = pending;
      if (enrolment === null || enrolment.expiresAt <= now) {
        pending = null;
        throw new AppError(
          'SIGNIN_EXPIRED',
          'That enrolment has expired. Ask an administrator for a new enrolment code.',
        );
      }
      const result = await checkTotp({
        secret: enrolment.secret,
        code,
        now,
        lastTimeStep: null,
        settings: totpSettings,
      });
      if (!result.ok) {
        const { lockedNow, status } = await lockout.recordFailure(enrolment.username);
        await audit.append({ action: 'mfa.enrol', actor: enrolment.username, outcome: 'failure' });
        if (lockedNow) {
          pending = null;
          throw lockedOutError(status);
        }
        throw new AppError(
          'SIGNIN_FAILED',
          'That code is not right. Enter the code your authenticator app shows now.',
        );
      }
      pending = null;
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newOneTimeCode(2, 5));
      await db.transaction().execute(async (trx) => {
        await updateMfa(trx, enrolment.username, now, {
          state: 'enrolled',
          totp_secret: enrolment.secret,
          enrolled_at: now.toISOString(),
          last_accepted_step: result.timeStep,
        });
        await replaceRecoveryCodes(trx, enrolment.username, recoveryCodes);
        await audit.append({ action: 'mfa.enrol', actor: enrolment.username, outcome: 'success' }, trx);
      });
      await deps.onEnrolled?.({
        username: enrolment.username,
        secret: enrolment.secret,
        enrolledAt: now.toISOString(),
      });
      await lockout.recordSuccess(enrolment.username);
      await updateMfa(db, enrolment.username, now, {
        display_name: enrolment.displayName,
        role: enrolment.role,
        last_sign_in_at: now.toISOString(),
        last_online_sign_in_at: now.toISOString(),
      });
      await audit.append({
        action: 'auth.sign-in',
        actor: enrolment.username,
        outcome: 'success',
        details: { role: enrolment.role, online: true, firstSignIn: true },
      });
      session.begin(
        { username: enrolment.username, displayName: enrolment.displayName, role: enrolment.role },
        { online: true },
      );
      return { recoveryCodes };
    },

    cancel() {
      pending = null;
    },
  };
}
