// CJIS AC-7: five consecutive failed attempts for one username within the window lock that
// username until an administrator releases it, or, where policy chooses, until a set time passes.
// Counted per username as typed (existing or not), kept in the cache so a restart does not reset it.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { usernameKey } from './username';

export interface LockoutSettings {
  maxAttempts: number;
  windowMinutes: number;
  release: { mode: 'administrator' } | { mode: 'timed'; minutes: number };
}

export interface LockoutStatus {
  locked: boolean;
  lockedAt: Date | null;
  /** When a timed lockout ends; null for an administrator release. */
  until: Date | null;
}

export interface Lockout {
  status(username: string): Promise<LockoutStatus>;
  /** Counts a failure; `lockedNow` is true when this failure locked the username. */
  recordFailure(username: string): Promise<{ lockedNow: boolean; status: LockoutStatus }>;
  recordSuccess(username: string): Promise<void>;
  release(username: string, by: string): Promise<boolean>;
}

export function createLockout(options: {
  db: Kysely<Database>;
  settings: LockoutSettings;
  clock: () => Date;
}): Lockout {
  const { db, settings, clock } = options;
  const windowMs = settings.windowMinutes * 60_000;

  function statusOf(row: { locked_at: string | null } | undefined, now: Date): LockoutStatus {
    if (row?.locked_at == null) return { locked: false, lockedAt: null, until: null };
    const lockedAt = new Date(row.locked_at);
    if (settings.release.mode === 'administrator') return { locked: true, lockedAt, until: null };
    const until = new Date(lockedAt.getTime() + settings.release.minutes * 60_000);
    return until > now ? { locked: true, lockedAt, until } : { locked: false, lockedAt: null, until: null };
  }

  async function row(key: string) {
    return db.selectFrom('lockout').selectAll().where('username', '=', key).executeTakeFirst();
  }

  return {
    async status(username) {
      return statusOf(await row(usernameKey(username)), clock());
    },

    async recordFailure(username) {
      const key = usernameKey(username);
      const now = clock();
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('lockout')
          .selectAll()
          .where('username', '=', key)
          .executeTakeFirst();
        const before = statusOf(current, now);
        if (before.locked) return { lockedNow: false, status: before };
        const inWindow =
          current?.first_failure_at != null &&
          current.locked_at == null &&
          now.getTime() - new Date(current.first_failure_at).getTime() < windowMs;
        const failures = inWindow ? current.consecutive_failures + 1 : 1;
        const firstFailureAt = inWindow ? current.first_failure_at : now.toISOString();
        const lockedAt = failures >= settings.maxAttempts ? now.toISOString() : null;
        await trx
          .insertInto('lockout')
          .values({
            username: key,
            consecutive_failures: failures,
            first_failure_at: firstFailureAt,
            last_failure_at: now.toISOString(),
            locked_at: lockedAt,
            released_at: null,
            released_by: null,
          })
          .onConflict((c) =>
            c.column('username').doUpdateSet({
              consecutive_failures: failures,
              first_failure_at: firstFailureAt,
              last_failure_at: now.toISOString(),
              locked_at: lockedAt,
            }),
          )
          .execute();
        return { lockedNow: lockedAt !== null, status: statusOf({ locked_at: lockedAt }, now) };
      });
    },

    async recordSuccess(username) {
      await db
        .updateTable('lockout')
        .set({ consecutive_failures: 0, first_failure_at: null, locked_at: null })
        .where('username', '=', usernameKey(username))
        .execute();
    },

    async release(username, by) {
      const result = await db
        .updateTable('lockout')
        .set({
          consecutive_failures: 0,
          first_failure_at: null,
          locked_at: null,
          released_at: clock().toISOString(),
          released_by: by,
        })
        .where('username', '=', usernameKey(username))
        .where('locked_at', 'is not', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
