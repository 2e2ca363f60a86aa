// The directory client against a real OpenLDAP slapd on 127.0.0.1 (LDAPS and StartTLS with a CA
// made for the run), plus servers that are down, silent, or present another CA's certificate.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DirectoryPolicy,
  type DirectoryPolicy as DirectoryPolicyType,
} from '../../../src-shared/policy/policy';
import { GROUPS, startSlapd, USERS, type Slapd } from '../../test-support/slapd';
import { createDirectory, normaliseDn, roleFor } from './directory';

let slapd: Slapd;
let dir: string;
let closedPort: number;
const servers: (net.Server | tls.Server)[] = [];

async function listen(server: net.Server | tls.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sallyport-directory-'));
  slapd = await startSlapd(dir);
  const probe = net.createServer();
  closedPort = await listen(probe);
  await new Promise((r) => probe.close(r));
}, 60_000);

afterAll(async () => {
  await slapd?.stop();
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

function policy(overrides: Partial<DirectoryPolicyType> = {}): DirectoryPolicyType {
  return DirectoryPolicy.parse({
    urls: [slapd.ldapsUrl],
    tls: 'ldaps',
    bindDn: slapd.serviceDn,
    userBase: slapd.userBase,
    userFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
    groupRoles: {
      [GROUPS.officers]: 'officer',
      [GROUPS.supervisors]: 'supervisor',
      [GROUPS.administrators]: 'administrator',
    },
    timeoutMs: 1000,
    ...overrides,
  });
}

function directory(overrides: Partial<DirectoryPolicyType> = {}, caPem: string | null = slapd.caPem) {
  return createDirectory({
    policy: policy(overrides),
    caPem,
    servicePassword: async () => slapd.servicePassword,
  });
}

const officer = USERS.find((u) => u.uid === 'officer1')!;

describe('directory sign-in over LDAPS', () => {
  it('authenticates a user with the right password and maps their group to a role', async () => {
    const result = await directory().authenticate('officer1', officer.password);
    expect(result).toMatchObject({
      kind: 'authenticated',
      user: { username: 'officer1', displayName: 'Dana Whitfield', role: 'officer' },
    });
  });

  it('gives a user in two mapped groups the higher role', async () => {
    const both = USERS.find((u) => u.uid === 'both1')!;
    const result = await directory().authenticate('both1', both.password);
    expect(result).toMatchObject({ kind: 'authenticated', user: { role: 'supervisor' } });
    if (result.kind === 'authenticated') expect(result.user.groups).toHaveLength(2);
  });

  it('authenticates a user whose groups map to no role, with role null (not authorised here)', async () => {
    const cook = USERS.find((u) => u.uid === 'cook1')!;
    const result = await directory().authenticate('cook1', cook.password);
    expect(result).toMatchObject({ kind: 'authenticated', user: { role: null } });
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    expect(await directory().authenticate('officer1', 'wrong password')).toEqual({ kind: 'rejected' });
    expect(await directory().authenticate('nobody-here', 'wrong password')).toEqual({ kind: 'rejected' });
  });

  it('refuses empty and blank passwords before any bind', async () => {
    // The URL is closed: an attempt to reach it would answer "unreachable", not "rejected".
    const down = directory({ urls: [`ldaps://127.0.0.1:${closedPort}`] });
    for (const password of ['', ' ', '\t \n']) {
      expect(await down.authenticate('officer1', password)).toEqual({ kind: 'rejected' });
    }
  });

  it.each([
    ['filter injection', '*)(uid=*))(|(uid=*'],
    ['a lone wildcard', '*'],
    ['a backslash', 'officer1\\'],
    ['a NUL', 'officer1\u0000'],
    ['10,000 characters', 'o'.repeat(10_000)],
    ['right-to-left text', '\u202eofficer1'],
    ['combining characters', 'officer1\u0301\u0308'],
  ])('treats a username with %s as a name, never as filter syntax', async (_name, username) => {
    expect(await directory().authenticate(username, officer.password)).toEqual({ kind: 'rejected' });
  });

  it('tells a directory-locked account in plain words', async () => {
    const locked = USERS.find((u) => u.locked)!;
    expect(await directory().authenticate(locked.uid, locked.password)).toEqual({
      kind: 'account-state',
      state: 'locked',
    });
  });
});

describe('directory transport', () => {
  it('works over StartTLS with the facility CA', async () => {
    const result = await directory({ urls: [slapd.ldapUrl], tls: 'starttls' }).authenticate(
      'officer1',
      officer.password,
    );
    expect(result).toMatchObject({ kind: 'authenticated' });
  });

  it('fails over to the second URL when the first is down', async () => {
    const result = await directory({
      urls: [`ldaps://127.0.0.1:${closedPort}`, slapd.ldapsUrl],
    }).authenticate('officer1', officer.password);
    expect(result).toMatchObject({ kind: 'authenticated', url: slapd.ldapsUrl });
  });

  it('says the directory is unreachable when every URL is down', async () => {
    const result = await directory({ urls: [`ldaps://127.0.0.1:${closedPort}`] }).authenticate(
      'officer1',
      officer.password,
    );
    expect(result).toMatchObject({ kind: 'unreachable', reason: 'network' });
  });

  it('times out on a directory that accepts connections and never answers', async () => {
    const silent = net.createServer(() => undefined);
    const port = await listen(silent);
    const result = await directory({
      urls: [`ldap://127.0.0.1:${port}`],
      tls: 'starttls',
      timeoutMs: 500,
    }).authenticate('officer1', officer.password);
    expect(result).toMatchObject({ kind: 'unreachable', reason: 'timeout' });
  });

  it('refuses a certificate from another CA, without falling back to plain LDAP', async () => {
    const rogue = tls.createServer({
      cert: readFileSync(slapd.certificates.rogueServerCertFile),
      key: readFileSync(slapd.certificates.rogueServerKeyFile),
    });
    const port = await listen(rogue);
    const result = await directory({ urls: [`ldaps://127.0.0.1:${port}`] }).authenticate(
      'officer1',
      officer.password,
    );
    expect(result).toMatchObject({ kind: 'unreachable', reason: 'untrusted-certificate' });
    // The real directory with the wrong CA configured is refused the same way.
    const wrongCa = await directory({}, readFileSync(slapd.certificates.rogueCaFile, 'utf8')).authenticate(
      'officer1',
      officer.password,
    );
    expect(wrongCa).toMatchObject({ kind: 'unreachable', reason: 'untrusted-certificate' });
  });

  it('reports a refused service account as a configuration problem', async () => {
    const result = await createDirectory({
      policy: policy(),
      caPem: slapd.caPem,
      servicePassword: async () => 'not the service password',
    }).authenticate('officer1', officer.password);
    expect(result).toMatchObject({ kind: 'unreachable', reason: 'misconfigured' });
  });
});

describe('role mapping', () => {
  it('compares DNs without regard to case or spacing and takes the highest role', () => {
    const groupRoles = {
      'CN=Officers, OU=Groups,DC=x': 'officer',
      'cn=admins,ou=groups,dc=x': 'administrator',
    } as const;
    expect(roleFor(['cn=officers,ou=groups,dc=x'], groupRoles)).toBe('officer');
    expect(roleFor(['cn=officers,ou=groups,dc=x', 'CN=ADMINS,OU=GROUPS,DC=X'], groupRoles)).toBe(
      'administrator',
    );
    expect(roleFor(['cn=kitchen,dc=x'], groupRoles)).toBeNull();
    expect(normaliseDn(' CN=A , DC=B ')).toBe('cn=a,dc=b');
  });
});
