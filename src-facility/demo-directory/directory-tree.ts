// The demo directory's entries: people with memberOf, groupOfNames groups that map to Sallyport
// roles, and the workstation's service account, laid out as an OpenLDAP directory would be.
import type { Role } from '../../src-shared/domain/roles';
import type { DemoAccountSpec } from './demo-accounts';
import { displayNameOf } from './demo-accounts';

export const baseDn = 'dc=demo,dc=sallyport,dc=test';
export const userBase = `ou=people,${baseDn}`;
export const groupBase = `ou=groups,${baseDn}`;
export const serviceDn = `cn=sallyport-svc,ou=services,${baseDn}`;

export const roleGroups: Readonly<Record<Role, string>> = {
  officer: `cn=sallyport-officers,${groupBase}`,
  supervisor: `cn=sallyport-supervisors,${groupBase}`,
  administrator: `cn=sallyport-administrators,${groupBase}`,
};

/** Attributes a search returns only when asked for by name or with '+', as OpenLDAP's memberof overlay does. */
export const operationalAttributes = new Set(['memberof']);

export interface DirectoryEntry {
  readonly dn: string;
  /** Attribute names as the schema spells them; values as stored. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

export function userDn(username: string): string {
  return `uid=${username},${userBase}`;
}

function organisationalUnit(name: string, description: string): DirectoryEntry {
  return {
    dn: `ou=${name},${baseDn}`,
    attributes: { objectClass: ['top', 'organizationalUnit'], ou: [name], description: [description] },
  };
}

export function buildDirectoryTree(accounts: readonly DemoAccountSpec[]): DirectoryEntry[] {
  const people = accounts.map((account): DirectoryEntry => ({
    dn: userDn(account.username),
    attributes: {
      objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
      uid: [account.username],
      cn: [displayNameOf(account)],
      givenName: [account.givenName],
      sn: [account.surname],
      displayName: [displayNameOf(account)],
      mail: [`${account.username}@demo.sallyport.test`],
      memberOf: [roleGroups[account.role]],
    },
  }));
  const groups = (Object.entries(roleGroups) as [Role, string][]).map(([role, dn]): DirectoryEntry => {
    const members = accounts
      .filter((account) => account.role === role)
      .map((account) => userDn(account.username));
    return {
      dn,
      attributes: {
        objectClass: ['top', 'groupOfNames'],
        cn: [dn.slice(3, dn.indexOf(','))],
        description: [`Sallyport ${role}s`],
        // groupOfNames needs at least one member; an empty group names the base, as is customary.
        member: members.length > 0 ? members : [baseDn],
      },
    };
  });
  return [
    {
      dn: baseDn,
      attributes: {
        objectClass: ['top', 'dcObject', 'organization'],
        dc: ['demo'],
        o: ['Sallyport Demo Facility'],
      },
    },
    organisationalUnit('people', 'Demo staff accounts'),
    organisationalUnit('groups', 'Sallyport role groups'),
    organisationalUnit('services', 'Service accounts'),
    {
      dn: serviceDn,
      attributes: {
        objectClass: ['top', 'applicationProcess'],
        cn: ['sallyport-svc'],
        description: ['Search account of the Sallyport workstations'],
      },
    },
    ...people,
    ...groups,
  ];
}
