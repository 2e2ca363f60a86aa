// Facility-wide authenticator enrolments from the change feed (entity staffEnrolment): an officer
// enrolled at one workstation signs in at every other. Frozen in time: imports nothing from the app.
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration sees the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_enrolment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
}
