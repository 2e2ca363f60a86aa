import {
  AndFilter,
  Attribute,
  Change,
  Client,
  EqualityFilter,
  InsufficientAccessError,
  InvalidCredentialsError,
  UnwillingToPerformError,
} from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoDirectory } from './demo-directory';
import type { DemoDirectory } from './demo-directory';

let directory: DemoDirectory;
const clients: Client[] = [];

beforeAll(async () => {
  directory = await startDemoDirectory();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.unbind().catch(() => undefined)));
  await directory.close();
});

function connect(): Client {
  const client = new Client({ url: directory.url, timeout: 5000, connectTimeout: 5000 });
  clients.push(client);
  return client;
}

async function serviceClient(): Promise<Client> {
  const client = connect();
  await client.bind(directory.bindDn, directory.bindPassword);
  return client;
}

/** The workstation's user lookup: a filter object, so the username is escaped (RFC 4515). */
function userFilter(username: string): AndFilter {
  return new AndFilter({
    filters: [
      new EqualityFilter({ attribute: 'objectClass', value: 'inetOrgPerson' }),
      new EqualityFilter({ attribute: 'uid', value: username }),
    ],
  });
}

describe('the demo directory', () => {
  it('listens on loopback and describes itself as a facility policy needs', () => {
    expect(directory.url).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);
    expect(directory.baseDn).toBe('dc=demo,dc=sallyport,dc=test');
    expect(directory.userBase).toBe('ou=people,dc=demo,dc=sallyport,dc=test');
    expect(directory.bindDn).toBe('cn=sallyport-svc,ou=services,dc=demo,dc=sallyport,dc=test');
    expect(directory.groupRoles).toEqual({
      'cn=sallyport-officers,ou=groups,dc=demo,dc=sallyport,dc=test': 'officer',
      'cn=sallyport-supervisors,ou=groups,dc=demo,dc=sallyport,dc=test': 'supervisor',
      'cn=sallyport-administrators,ou=groups,dc=demo,dc=sallyport,dc=test': 'administrator',
    });
    expect(directory.accounts.map((account) => [account.username, account.role])).toEqual([
      ['officer.demo', 'officer'],
      ['supervisor.demo', 'supervisor'],
      ['admin.demo', 'administrator'],
    ]);
  });

  it('makes fresh passwords for every start', async () => {
    const other = await startDemoDirectory();
    try {
      expect(other.bindPassword).not.toBe(directory.bindPassword);
      expect(other.accounts[0]?.password).not.toBe(directory.accounts[0]?.password);
    } finally {
      await other.close();
    }
  });

  it('finds a user by uid after the service bind, with the role group in memberOf', async () => {
    const client = await serviceClient();
    for (const account of directory.accounts) {
      const { searchEntries } = await client.search(directory.userBase, {
        scope: 'sub',
        filter: userFilter(account.username),
        attributes: ['uid', 'displayName', 'mail', 'memberOf'],
      });
      expect(searchEntries).toHaveLength(1);
      const [group] = Object.entries(directory.groupRoles).find(([, role]) => role === account.role) ?? [];
      expect(searchEntries[0]).toEqual({
        dn: `uid=${account.username},${directory.userBase}`,
        uid: account.username,
        displayName: account.displayName,
        mail: `${account.username}@demo.sallyport.test`,
        memberOf: group,
      });
    }
  });

  it('matches uid case-insensitively, as a real directory does', async () => {
    const client = await serviceClient();
    const { searchEntries } = await client.search(directory.userBase, { filter: userFilter('Officer.DEMO') });
    expect(searchEntries.map((entry) => entry.dn)).toEqual([`uid=officer.demo,${directory.userBase}`]);
  });

  it('finds nobody for a username that tries to rewrite the filter', async () => {
    const client = await serviceClient();
    for (const username of ['*', 'officer.demo)(uid=*', '*)(|(uid=*', 'officer.demo\\']) {
      const { searchEntries } = await client.search(directory.userBase, { filter: userFilter(username) });
      expect(searchEntries, username).toEqual([]);
    }
  });

  it('returns memberOf only when asked for, like the memberof overlay', async () => {
    const client = await serviceClient();
    const { searchEntries } = await client.search(directory.userBase, { filter: userFilter('admin.demo') });
    expect(searchEntries[0]).toMatchObject({ uid: 'admin.demo', sn: 'Demo' });
    expect(searchEntries[0]).not.toHaveProperty('memberOf');
    const present = await client.search(directory.userBase, { filter: '(memberOf=*)', attributes: ['uid'] });
    expect(present.searchEntries.map((entry) => entry.uid).sort()).toEqual([
      'admin.demo',
      'officer.demo',
      'supervisor.demo',
    ]);
  });

  it('respects the search base and scope', async () => {
    const client = await serviceClient();
    const base = await client.search(directory.baseDn, { scope: 'base', filter: '(objectClass=*)' });
    expect(base.searchEntries.map((entry) => entry.dn)).toEqual([directory.baseDn]);
    const children = await client.search(directory.baseDn, { scope: 'one', filter: '(objectClass=*)' });
    expect(children.searchEntries.map((entry) => entry.dn).sort()).toEqual(
      ['ou=groups', 'ou=people', 'ou=services'].map((ou) => `${ou},${directory.baseDn}`),
    );
    const groups = await client.search(`ou=groups,${directory.baseDn}`, {
      filter: '(|(cn=sallyport-officers)(cn=sallyport-administrators))',
      attributes: ['member'],
    });
    expect(groups.searchEntries).toEqual([
      {
        dn: `cn=sallyport-officers,ou=groups,${directory.baseDn}`,
        member: `uid=officer.demo,${directory.userBase}`,
      },
      {
        dn: `cn=sallyport-administrators,ou=groups,${directory.baseDn}`,
        member: `uid=admin.demo,${directory.userBase}`,
      },
    ]);
  });

  it('binds a user with the right password and refuses a wrong, empty or unknown one alike', async () => {
    const [officer] = directory.accounts;
    if (!officer) throw new Error('no officer account');
    const dn = `uid=${officer.username},${directory.userBase}`;
    await expect(connect().bind(dn, officer.password)).resolves.toBeUndefined();
    await expect(connect().bind(dn, `${officer.password}x`)).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(connect().bind(dn, '')).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(connect().bind(`uid=nobody,${directory.userBase}`, 'whatever')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
  });

  it('refuses to search for an anonymous or failed bind', async () => {
    const anonymous = connect();
    await expect(anonymous.search(directory.userBase, { filter: '(uid=*)' })).rejects.toBeInstanceOf(
      InsufficientAccessError,
    );
    const failed = await serviceClient();
    await expect(failed.bind(directory.bindDn, 'wrong')).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(failed.search(directory.userBase, { filter: '(uid=*)' })).rejects.toBeInstanceOf(
      InsufficientAccessError,
    );
  });

  it('is read-only', async () => {
    const client = await serviceClient();
    const change = new Change({
      operation: 'replace',
      modification: new Attribute({ type: 'mail', values: ['someone@example.org'] }),
    });
    await expect(client.modify(`uid=officer.demo,${directory.userBase}`, change)).rejects.toBeInstanceOf(
      UnwillingToPerformError,
    );
  });
});
