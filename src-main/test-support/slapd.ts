// A real OpenLDAP slapd for the directory tests, on 127.0.0.1 with LDAPS and StartTLS, using a
// CA made for the run: users in an OU, groupOfNames groups with the memberof overlay, a user in
// two groups, one without a mapped group, and one locked by ppolicy.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'ldapts';
import { makeTestCertificates, type TestCertificates } from './test-ca';

export const BASE_DN = 'dc=test,dc=sallyport';
const ROOT_DN = `cn=admin,${BASE_DN}`;
const ROOT_PASSWORD = 'root-secret-for-tests';

export interface DirectoryUser {
  uid: string;
  password: string;
  displayName: string;
  groups: string[];
  locked?: boolean;
}

export const GROUPS = {
  officers: `cn=sallyport-officers,ou=groups,${BASE_DN}`,
  supervisors: `cn=sallyport-supervisors,ou=groups,${BASE_DN}`,
  administrators: `cn=sallyport-administrators,ou=groups,${BASE_DN}`,
  kitchen: `cn=kitchen-staff,ou=groups,${BASE_DN}`,
} as const;

export const USERS: readonly DirectoryUser[] = [
  { uid: 'officer1', password: 'Correct horse 1!', displayName: 'Dana Whitfield', groups: [GROUPS.officers] },
  {
    uid: 'super1',
    password: 'Supervisor pass 2#',
    displayName: 'Marcus Ortega',
    groups: [GROUPS.supervisors],
  },
  {
    uid: 'admin1',
    password: 'Admin pass 3$ long',
    displayName: 'Priya Raman',
    groups: [GROUPS.administrators],
  },
  {
    uid: 'both1',
    password: 'Two groups 4%',
    displayName: 'Lee Sandoval',
    groups: [GROUPS.officers, GROUPS.supervisors],
  },
  { uid: 'cook1', password: 'Kitchen only 5^', displayName: 'Sam Baker', groups: [GROUPS.kitchen] },
  {
    uid: 'locked1',
    password: 'Locked out 6&',
    displayName: 'Jo Locke',
    groups: [GROUPS.officers],
    locked: true,
  },
];

export interface Slapd {
  ldapUrl: string;
  ldapsUrl: string;
  certificates: TestCertificates;
  caPem: string;
  baseDn: string;
  userBase: string;
  serviceDn: string;
  servicePassword: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`slapd did not listen on ${port}:\n${log()}`);
}

function config(dir: string, certs: TestCertificates): string {
  return `
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
moduleload ppolicy
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
TLSCACertificateFile ${certs.caFile}
TLSCertificateFile ${certs.serverCertFile}
TLSCertificateKeyFile ${certs.serverKeyFile}
database mdb
maxsize 104857600
suffix "${BASE_DN}"
rootdn "${ROOT_DN}"
rootpw ${ROOT_PASSWORD}
directory ${dir}/data
index objectClass eq
index uid eq
overlay memberof
memberof-group-oc groupOfNames
memberof-member-ad member
memberof-memberof-ad memberOf
memberof-refint TRUE
overlay ppolicy
ppolicy_default "cn=default,ou=policies,${BASE_DN}"
ppolicy_use_lockout
access to attrs=userPassword by anonymous auth by self write by * none
access to * by users read by * none
`;
}

async function populate(url: string, caPem: string, servicePassword: string): Promise<void> {
  const client = new Client({ url, tlsOptions: { ca: [caPem] } });
  await client.bind(ROOT_DN, ROOT_PASSWORD);
  try {
    await client.add(BASE_DN, {
      objectClass: ['top', 'dcObject', 'organization'],
      dc: 'test',
      o: 'Sallyport test',
    });
    for (const ou of ['people', 'groups', 'services', 'policies']) {
      await client.add(`ou=${ou},${BASE_DN}`, { objectClass: ['organizationalUnit'], ou });
    }
    await client.add(`cn=default,ou=policies,${BASE_DN}`, {
      objectClass: ['top', 'device', 'pwdPolicy'],
      cn: 'default',
      pwdAttribute: 'userPassword',
      pwdLockout: 'TRUE',
      pwdMaxFailure: '0',
    });
    await client.add(`cn=sallyport-svc,ou=services,${BASE_DN}`, {
      objectClass: ['organizationalRole', 'simpleSecurityObject'],
      cn: 'sallyport-svc',
      userPassword: servicePassword,
    });
    for (const user of USERS) {
      const [givenName, ...rest] = user.displayName.split(' ');
      await client.add(`uid=${user.uid},ou=people,${BASE_DN}`, {
        objectClass: ['inetOrgPerson'],
        uid: user.uid,
        cn: user.displayName,
        sn: rest.join(' ') || user.uid,
        givenName: givenName ?? user.uid,
        displayName: user.displayName,
        mail: `${user.uid}@test.sallyport`,
        userPassword: user.password,
      });
    }
    for (const [name, dn] of Object.entries(GROUPS)) {
      const members = USERS.filter((u) => u.groups.includes(dn)).map(
        (u) => `uid=${u.uid},ou=people,${BASE_DN}`,
      );
      await client.add(dn, {
        objectClass: ['groupOfNames'],
        cn: dn.slice(3, dn.indexOf(',')),
        description: name,
        member: members,
      });
    }
    for (const user of USERS.filter((u) => u.locked)) {
      const { Change, Attribute } = await import('ldapts');
      await client.modify(
        `uid=${user.uid},ou=people,${BASE_DN}`,
        new Change({
          operation: 'add',
          modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }),
        }),
      );
    }
  } finally {
    await client.unbind();
  }
}

/** Starts slapd in `dir` (which it fills) and loads the test directory. */
export async function startSlapd(dir: string): Promise<Slapd> {
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const certificates = makeTestCertificates(dir);
  const caPem = readFileSync(certificates.caFile, 'utf8');
  const confFile = path.join(dir, 'slapd.conf');
  writeFileSync(confFile, config(dir, certificates));
  const [ldapPort, ldapsPort] = [await freePort(), await freePort()];
  const ldapUrl = `ldap://127.0.0.1:${ldapPort}`;
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  let output = '';
  const child = spawn('/usr/sbin/slapd', ['-f', confFile, '-h', `${ldapUrl}/ ${ldapsUrl}/`, '-d', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitForPort(ldapPort, child, () => output);
  await waitForPort(ldapsPort, child, () => output);
  const servicePassword = 'service-secret-for-tests';
  await populate(ldapsUrl, caPem, servicePassword);
  return {
    ldapUrl,
    ldapsUrl,
    certificates,
    caPem,
    baseDn: BASE_DN,
    userBase: `ou=people,${BASE_DN}`,
    serviceDn: `cn=sallyport-svc,ou=services,${BASE_DN}`,
    servicePassword,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
