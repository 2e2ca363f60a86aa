// Every migration, in order, imported statically: the bundle carries them and nothing is read
// from disk at run time. Forward-only: a migration is never edited or removed once released;
// a change is a new file with the next number.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-sign-in';
import * as m0003 from './0003-sync';
import * as m0004 from './0004-staff-enrolment';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': m0001,
  '0002-sign-in': m0002,
  '0003-sync': m0003,
  '0004-staff-enrolment': m0004,
};

export function staticMigrationProvider(
  list: Readonly<Record<string, Migration>> = migrations,
): MigrationProvider {
  return { getMigrations: async () => ({ ...list }) };
}
