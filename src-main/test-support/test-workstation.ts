// A complete workstation for integration and browser tests, in this process: a real encrypted
// cache in a temporary folder (random key; the keychain has its own tests), the demo directory
// (ldapjs) on 127.0.0.1, and helpers to enrol staff and compute their TOTP codes. Only time can
// be faked (pass a clock).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSync } from 'otplib';
import {
  startDemoDirectory,
  type DemoAccount,
  type DemoDirectory,
} from '../../src-facility/demo-directory/demo-directory';
import { Policy, type PolicyInput } from '../../src-shared/policy/policy';
import { silentLog } from '../app/log';
import { createWorkstation, type Workstation } from '../app/workstation';
import { createDirectory } from '../auth/directory/directory';
import { readMfa, updateMfa } from '../auth/mfa-records';
import { newTotpSecret } from '../auth/totp';
import { openCache, type Cache } from '../store/open-cache';

export interface TestWorkstation {
  readonly workstation: Workstation;
  readonly cache: Cache;
  readonly policy: Policy;
  readonly directory: DemoDirectory;
  readonly dir: string;
  account(username: string): DemoAccount;
  /** Enrols a user's second factor directly in the cache (as an earlier sign-in would have). */
  enrol(username: string): Promise<string>;
  /** The user's current TOTP code (or the code at `at`), from their enrolled secret. */
  totpFor(username: string, at?: Date): Promise<string>;
  close(): Promise<void>;
}

export interface TestWorkstationOptions {
  policy?: Partial<PolicyInput>;
  /** Users enrolled at start; default: the demo officer and administrator. */
  enrolled?: readonly string[];
  clock?: () => Date;
  host?: 'browser' | 'electron';
  /** Another test workstation's demo directory, so two workstations share their staff (left open at close). */
  directory?: DemoDirectory;
  /** A records service to sync from; without one the sync is built but not started. */
  records?: { url: string; deviceToken: string };
  /** Changes the demo directory's group-to-role map before it goes into the policy. */
  groupRoles?: (
    demo: Readonly<Record<string, 'officer' | 'supervisor' | 'administrator'>>,
  ) => Record<string, 'officer' | 'supervisor' | 'administrator'>;
}

export async function startTestWorkstation(options: TestWorkstationOptions = {}): Promise<TestWorkstation> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sallyport-ws-'));
  const clock = options.clock ?? (() => new Date());
  const directory = options.directory ?? (await startDemoDirectory());
  const policy = Policy.parse({
    facility: { id: 'rcdc', name: 'Riverside County Detention Center' },
    workstation: { name: 'INTAKE-03' },
    directory: {
      urls: [directory.url],
      tls: 'plain',
      allowPlaintext: true,
      bindDn: directory.bindDn,
      userBase: directory.userBase,
      groupRoles: options.groupRoles?.(directory.groupRoles) ?? directory.groupRoles,
      timeoutMs: 2000,
    },
    records:
      options.records === undefined
        ? { url: 'https://127.0.0.1:1' }
        : { url: options.records.url, allowPlaintext: true, pollSeconds: 1 },
    ...options.policy,
  });
  const cache = await openCache({ file: path.join(dir, 'cache.sqlite'), key: randomBytes(32), clock });
  const workstation = createWorkstation({
    policy,
    host: options.host ?? 'browser',
    version: '0.0.0-test',
    cache,
    directory: createDirectory({
      policy: policy.directory,
      caPem: null,
      servicePassword: async () => directory.bindPassword,
    }),
    deviceToken: async () => options.records?.deviceToken ?? null,
    recordsCaPem: null,
    startSync: options.records !== undefined,
    clock,
    log: silentLog(),
  });

  const account = (username: string): DemoAccount => {
    const found = directory.accounts.find((a) => a.username === username);
    if (found === undefined) throw new Error(`no demo account ${username}`);
    return found;
  };

  async function enrol(username: string): Promise<string> {
    const secret = newTotpSecret();
    await updateMfa(cache.db, username, clock(), {
      state: 'enrolled',
      totp_secret: secret,
      enrolled_at: clock().toISOString(),
    });
    return secret;
  }

  for (const username of options.enrolled ?? ['officer.demo', 'admin.demo']) await enrol(username);

  return {
    workstation,
    cache,
    policy,
    directory,
    dir,
    account,
    enrol,
    async totpFor(username, at) {
      const mfa = await readMfa(cache.db, username);
      if (mfa?.totpSecret == null) throw new Error(`${username} is not enrolled`);
      return generateSync({ secret: mfa.totpSecret, epoch: Math.floor((at ?? clock()).getTime() / 1000) });
    },
    async close() {
      await workstation.close();
      await cache.close();
      if (options.directory === undefined) await directory.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
