// Sign-in: one-time recovery codes (stored hashed), and what the workstation remembers of a
// staff member from their last online sign-in (name and role, for offline sign-in and the Staff
// screen). Frozen in time: it imports nothing from the app.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration sees the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recovery_code')
    .addColumn('username', 'text', (c) => c.notNull().modifyEnd(sql`collate nocase`))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_code_pk', ['username', 'hash'])
    .execute();
  await db.schema.alterTable('staff_mfa').addColumn('display_name', 'text').execute();
  await db.schema.alterTable('staff_mfa').addColumn('role', 'text').execute();
  await db.schema.alterTable('staff_mfa').addColumn('last_sign_in_at', 'text').execute();
}
