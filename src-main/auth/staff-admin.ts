// What administrators do for staff sign-in: see who is enrolled or locked out, issue a one-time
// enrolment code, reset a second factor, release a lockout. Every act is audited with who did it.
import type { Kysely } from 'kysely';
import { AppError, type StaffMember } from '../../src-shared/contract';
import { Role } from '../../src-shared/domain/roles';
import type { AuditTrail } from '../audit/audit-trail';
import type { Database } from '../store/schema';
import type { Lockout } from './lockout';
import { clearMfa, readMfa, updateMfa } from './mfa-records';
import { hashCode, newOneTimeCode } from './one-time-codes';
import { usernameKey } from './username';

export interface StaffAdmin {
  list(): Promise<StaffMember[]>;
  issueEnrolmentCode(
    username: string,
    by: string,
  ): Promise<{ username: string; code: string; expiresAt: string }>;
  resetMfa(username: string, by: string): Promise<StaffMember>;
  releaseLockout(username: string, by: string): Promise<StaffMember>;
}

export function createStaffAdmin(deps: {
  db: Kysely<Database>;
  audit: AuditTrail;
  lockout: Lockout;
  clock: () => Date;
  enrolmentCodeMinutes: number;
  /** Called after a reset, so it reaches every workstation. */
  onReset?: (reset: { username: string; by: string; at: string }) => Promise<void>;
}): StaffAdmin {
  const { db, audit, lockout, clock } = deps;

  async function list(): Promise<StaffMember[]> {
    const now = clock();
    const [staff, mfa, locks] = await Promise.all([
      db.selectFrom('staff').select(['username', 'display_name', 'role', 'active']).execute(),
      db.selectFrom('staff_mfa').selectAll().execute(),
      db.selectFrom('lockout').select(['username', 'locked_at']).where('locked_at', 'is not', null).execute(),
    ]);
    const members = new Map<string, StaffMember>();
    const entry = (username: string): StaffMember => {
      const key = usernameKey(username);
      let member = members.get(key);
      if (member === undefined) {
        member = {
          username: key,
          displayName: key,
          role: null,
          mfa: 'none',
          lockedOut: false,
          lockedAt: null,
          lastSignInAt: null,
        };
        members.set(key, member);
      }
      return member;
    };
    for (const row of staff) {
      const member = entry(row.username);
      member.displayName = row.display_name;
      const role = Role.safeParse(row.role);
      member.role = role.success ? role.data : null;
    }
    for (const row of mfa) {
      const member = entry(row.username);
      const codeLive =
        row.state === 'code-issued' &&
        row.enrolment_code_expires_at !== null &&
        new Date(row.enrolment_code_expires_at) > now;
      member.mfa = row.state === 'enrolled' ? 'enrolled' : codeLive ? 'code-issued' : 'none';
      if (row.display_name !== null && member.displayName === member.username)
        member.displayName = row.display_name;
      const role = Role.safeParse(row.role);
      if (member.role === null && role.success) member.role = role.data;
      member.lastSignInAt = row.last_sign_in_at;
    }
    // Enrolments and resets made at other workstations, as the records service sent them.
    for (const member of members.values()) {
      const effective = await readMfa(db, member.username);
      if (effective?.state === 'enrolled') member.mfa = 'enrolled';
      else if (effective !== null && member.mfa === 'enrolled') member.mfa = 'none';
    }
    for (const row of locks) {
      const status = await lockout.status(row.username);
      if (!status.locked) continue;
      const member = entry(row.username);
      member.lockedOut = true;
      member.lockedAt = status.lockedAt?.toISOString() ?? null;
    }
    return [...members.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async function member(username: string): Promise<StaffMember> {
    const key = usernameKey(username);
    const found = (await list()).find((m) => m.username === key);
    if (found === undefined)
      throw new AppError('NOT_FOUND', `No staff member named ${key} is known to this workstation.`);
    return found;
  }

  return {
    list,

    async issueEnrolmentCode(username, by) {
      const key = usernameKey(username);
      if (key === '') throw new AppError('INVALID_REQUEST', 'Enter the username to issue a code for.');
      const existing = await readMfa(db, key);
      if (existing?.state === 'enrolled') {
        throw new AppError(
          'INVALID_REQUEST',
          `${key} is already enrolled. Reset their second factor first if they need a new one.`,
        );
      }
      const now = clock();
      const code = newOneTimeCode();
      const expiresAt = new Date(now.getTime() + deps.enrolmentCodeMinutes * 60_000).toISOString();
      await db.transaction().execute(async (trx) => {
        await updateMfa(trx, key, now, {
          state: 'code-issued',
          enrolment_code_hash: hashCode(code),
          enrolment_code_expires_at: expiresAt,
          enrolment_code_issued_by: by,
        });
        await audit.append(
          {
            action: 'mfa.enrolment-code-issue',
            actor: by,
            target: key,
            outcome: 'success',
            details: { expiresAt },
          },
          trx,
        );
      });
      return { username: key, code, expiresAt };
    },

    async resetMfa(username, by) {
      const key = usernameKey(username);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        await clearMfa(trx, key, now);
        await audit.append({ action: 'mfa.reset', actor: by, target: key, outcome: 'success' }, trx);
      });
      await deps.onReset?.({ username: key, by, at: now.toISOString() });
      return member(key);
    },

    async releaseLockout(username, by) {
      const key = usernameKey(username);
      const released = await lockout.release(key, by);
      await audit.append({
        action: 'auth.lockout-release',
        actor: by,
        target: key,
        outcome: released ? 'success' : 'failure',
      });
      if (!released) throw new AppError('NOT_FOUND', `${key} is not locked out.`);
      return member(key);
    },
  };
}
