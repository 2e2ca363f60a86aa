// A complete workstation (src-main/test-support: encrypted cache in a temporary folder, the demo
// directory on 127.0.0.1) behind its browser host, in this process. Tests that sign in go through
// the demo directory; tests that only need a session start it through the workstation's own
// SessionState, which nothing in the page can reach.
import type { Workstation } from '../../src-main/app/workstation';
import { startHost, type HostServer } from '../../src-main/host/host-server';
import { startTestWorkstation, type TestWorkstation } from '../../src-main/test-support/test-workstation';
import type { Officer } from '../../src-shared/contract';
import type { PolicyInput } from '../../src-shared/policy/policy';
import { rendererDir } from './paths';

export const testBanner = {
  title: 'Authorized use only',
  text:
    'This workstation is part of the Riverside County criminal justice information system. ' +
    'Activity on it is monitored, recorded and audited.\n\n' +
    'Unauthorized use or misuse is prohibited and may result in criminal and civil penalties. ' +
    'Using this system means you consent to this monitoring.',
};

/**
 * A directory over LDAPS where nothing listens: for tests that never sign in through the
 * directory, so their screens show no plain-LDAP warning (the demo directory speaks plain LDAP).
 */
export const unreachableDirectory: Partial<PolicyInput> = {
  directory: {
    urls: ['ldaps://127.0.0.1:1'],
    bindDn: 'cn=sallyport,ou=services,dc=rcdc,dc=example',
    userBase: 'ou=staff,dc=rcdc,dc=example',
    groupRoles: {},
  },
};

/** Session owners for tests that start a session directly; they are not in the demo directory. */
export const administrator: Officer = {
  username: 'mreyes',
  displayName: 'Maria Reyes',
  role: 'administrator',
};

export const officer: Officer = {
  username: 'dokafor',
  displayName: 'Daniel Okafor',
  role: 'officer',
};

export interface TestApp {
  readonly workstation: Workstation;
  /** The demo directory's accounts, TOTP codes of enrolled users, the cache. */
  readonly test: TestWorkstation;
  readonly host: HostServer;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Policy over the test workstation's (the demo directory, plain LDAP) and the test banner. */
  policy?: Partial<PolicyInput>;
  /** Users enrolled at start; the test workstation's default is the demo officer and administrator. */
  enrolled?: readonly string[];
  /** Wraps the real workstation, to watch or hold what reaches its router. */
  workstation?: (w: Workstation) => Workstation;
  /** The workstation's clock, for tests that let idle time pass (then call session.tick()). */
  clock?: () => Date;
  /** A records service to sync from (the sync starts with the workstation); none by default. */
  records?: { url: string; deviceToken: string };
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const test = await startTestWorkstation({
    policy: { banner: testBanner, ...options.policy },
    ...(options.enrolled === undefined ? {} : { enrolled: options.enrolled }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.records === undefined ? {} : { records: options.records }),
  });
  const real = test.workstation;
  const workstation = options.workstation?.(real) ?? real;
  const host = await startHost({ workstation, rendererDir });
  let closed = false;
  return {
    workstation: real,
    test,
    host,
    async close() {
      if (closed) return;
      closed = true;
      await host.close();
      await test.close();
    },
  };
}

/**
 * Lists the demo directory's people as staff, as a sync from the records service would: the Staff
 * screen shows the facility's staff, not only those who have signed in here.
 */
export async function listDemoStaff(app: TestApp): Promise<void> {
  const rows = app.test.directory.accounts.map((account, index) => ({
    id: `staff-${index + 1}`,
    username: account.username,
    display_name: account.displayName,
    role: account.role,
    active: 1 as const,
    version: 1,
  }));
  await app.test.cache.db.insertInto('staff').values(rows).execute();
}
