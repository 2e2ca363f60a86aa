// The workstation's record of each staff member's second factor (staff_mfa, recovery_code).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema';
import { codeMatches, hashCode } from './one-time-codes';
import { usernameKey } from './username';

type Db = Kysely<Database> | Transaction<Database>;

export type MfaState = 'none' | 'code-issued' | 'enrolled';

export interface MfaRecord {
  username: string;
  state: MfaState;
  totpSecret: string | null;
  lastAcceptedStep: number | null;
  enrolmentCodeHash: string | null;
  enrolmentCodeExpiresAt: Date | null;
  offlineVerifier: string | null;
  lastOnlineSignInAt: Date | null;
  displayName: string | null;
  role: string | null;
  lastSignInAt: Date | null;
  /** When the second factor last changed here (enrolment or reset). */
  enrolledAt: Date | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

/**
 * The user's second factor as this workstation knows it: its own record, unless the records
 * service has sent a newer enrolment or reset made at another workstation (staff_enrolment).
 */
export async function readMfa(db: Db, username: string): Promise<MfaRecord | null> {
  const key = usernameKey(username);
  const local = await readLocalMfa(db, key);
  const facility = await db
    .selectFrom('staff_enrolment')
    .selectAll()
    .where('id', '=', key)
    .executeTakeFirst();
  if (facility === undefined) return local;
  const localChangedAt = local?.enrolledAt?.toISOString() ?? null;
  if (local !== null && localChangedAt !== null && localChangedAt >= facility.changed_at) return local;
  const base: MfaRecord = local ?? {
    username: key,
    state: 'none',
    totpSecret: null,
    lastAcceptedStep: null,
    enrolmentCodeHash: null,
    enrolmentCodeExpiresAt: null,
    offlineVerifier: null,
    lastOnlineSignInAt: null,
    displayName: null,
    role: null,
    lastSignInAt: null,
    enrolledAt: null,
  };
  if (facility.totp_secret === null) {
    // Reset at another workstation; an enrolment code issued here since still stands.
    return { ...base, state: base.state === 'code-issued' ? 'code-issued' : 'none', totpSecret: null };
  }
  return {
    ...base,
    state: 'enrolled',
    totpSecret: facility.totp_secret,
    lastAcceptedStep: local?.totpSecret === facility.totp_secret ? base.lastAcceptedStep : null,
    enrolledAt: new Date(facility.changed_at),
  };
}

async function readLocalMfa(db: Db, key: string): Promise<MfaRecord | null> {
  const row = await db.selectFrom('staff_mfa').selectAll().where('username', '=', key).executeTakeFirst();
  if (row === undefined) return null;
  return {
    username: row.username,
    state: row.state as MfaState,
    totpSecret: row.totp_secret,
    lastAcceptedStep: row.last_accepted_step,
    enrolmentCodeHash: row.enrolment_code_hash,
    enrolmentCodeExpiresAt: date(row.enrolment_code_expires_at),
    offlineVerifier: row.offline_verifier,
    lastOnlineSignInAt: date(row.last_online_sign_in_at),
    displayName: row.display_name,
    role: row.role,
    lastSignInAt: date(row.last_sign_in_at),
    enrolledAt: date(row.enrolled_at),
  };
}

/** Creates the row when missing, then applies the change. */
export async function updateMfa(
  db: Db,
  username: string,
  now: Date,
  change: Partial<Omit<Database['staff_mfa'], 'username' | 'updated_at'>>,
): Promise<void> {
  const key = usernameKey(username);
  await db
    .insertInto('staff_mfa')
    .values({
      username: key,
      state: 'none',
      totp_secret: null,
      enrolled_at: null,
      last_accepted_step: null,
      enrolment_code_hash: null,
      enrolment_code_expires_at: null,
      enrolment_code_issued_by: null,
      offline_verifier: null,
      last_online_sign_in_at: null,
      display_name: null,
      role: null,
      last_sign_in_at: null,
      ...change,
      updated_at: now.toISOString(),
    })
    .onConflict((c) => c.column('username').doUpdateSet({ ...change, updated_at: now.toISOString() }))
    .execute();
}

/** Replaces the user's recovery codes with new ones (hashed); returns the codes to show once. */
export async function replaceRecoveryCodes(
  db: Db,
  username: string,
  codes: readonly string[],
): Promise<void> {
  const key = usernameKey(username);
  await db.deleteFrom('recovery_code').where('username', '=', key).execute();
  await db
    .insertInto('recovery_code')
    .values(codes.map((code) => ({ username: key, hash: hashCode(code), used_at: null })))
    .execute();
}

/** Marks a matching unused recovery code used; false when none matches. */
export async function consumeRecoveryCode(
  db: Db,
  username: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const key = usernameKey(username);
  const unused = await db
    .selectFrom('recovery_code')
    .select('hash')
    .where('username', '=', key)
    .where('used_at', 'is', null)
    .execute();
  // Check every code, so the time taken does not depend on which one matched.
  let match: string | null = null;
  for (const { hash } of unused) if (codeMatches(code, hash) && match === null) match = hash;
  if (match === null) return false;
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: now.toISOString() })
    .where('username', '=', key)
    .where('hash', '=', match)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function clearMfa(db: Db, username: string, now: Date): Promise<void> {
  await updateMfa(db, username, now, {
    state: 'none',
    totp_secret: null,
    // The time of the reset: a newer change than any enrolment the records service sent before.
    enrolled_at: now.toISOString(),
    last_accepted_step: null,
    enrolment_code_hash: null,
    enrolment_code_expires_at: null,
    enrolment_code_issued_by: null,
  });
  await db.deleteFrom('recovery_code').where('username', '=', usernameKey(username)).execute();
}
