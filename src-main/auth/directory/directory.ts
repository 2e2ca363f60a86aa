// The facility directory client (ldapts): tries the policy's URLs in order, over LDAPS or
// StartTLS with the facility CA (plain LDAP only where policy says so by name), binds with the
// service account, finds exactly one user with the escaped filter, reads their groups, then binds
// as that user with the password. It answers with what happened, never with an exception.
import { Client, InvalidCredentialsError, type Entry } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { DirectoryPolicy } from '../../../src-shared/policy/policy';
import { roles, type Role } from '../../../src-shared/domain/roles';
import { stateFromBindMessage, stateFromEntry, type AccountState } from './account-state';
import { directGroupFilter, nestedGroupFilter, userFilter } from './user-filter';
import { isCertificateError } from '../../tls/certificate-errors';

export interface DirectoryUser {
  dn: string;
  /** The username as the directory spells it (uid or sAMAccountName). */
  username: string;
  displayName: string;
  /** Group DNs, normalised to lower case. */
  groups: string[];
  /** The highest role any mapped group grants; null when no group is mapped. */
  role: Role | null;
}

export type UnreachableReason = 'network' | 'timeout' | 'untrusted-certificate' | 'misconfigured';

export type DirectoryResult =
  | { kind: 'authenticated'; user: DirectoryUser; url: string }
  /** Wrong password, unknown or ambiguous user, empty password: one answer for all. */
  | { kind: 'rejected' }
  | { kind: 'account-state'; state: AccountState }
  | { kind: 'unreachable'; reason: UnreachableReason; detail: string };

export interface Directory {
  authenticate(username: string, password: string): Promise<DirectoryResult>;
}

export interface DirectoryOptions {
  policy: DirectoryPolicy;
  /** The facility CA (PEM) from policy.caFile; null to use the system's trusted CAs. */
  caPem: string | null;
  /** The service account's password, from the keychain. */
  servicePassword: () => Promise<string>;
}

const entryAttributes = [
  'uid',
  'sAMAccountName',
  'userPrincipalName',
  'displayName',
  'cn',
  'memberOf',
  'pwdAccountLockedTime',
  'userAccountControl',
  'lockoutTime',
];

class DirectoryFault extends Error {
  readonly reason: UnreachableReason;
  constructor(reason: UnreachableReason, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** Sorts a connection-level failure into why the directory could not be used. */
function classify(error: unknown): DirectoryFault {
  if (error instanceof DirectoryFault) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && isCertificateError(code)) {
    return new DirectoryFault(
      'untrusted-certificate',
      `the directory's certificate is not trusted (${code})`,
    );
  }
  if (typeof code === 'string' && networkCodes.has(code)) return new DirectoryFault('network', code);
  if (/timeout|timed out/i.test(message)) return new DirectoryFault('timeout', 'no answer in time');
  return new DirectoryFault('network', error instanceof Error ? error.name : 'connection failed');
}

function text(entry: Entry, name: string): string | undefined {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

function texts(entry: Entry, name: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** DNs compared the way directories compare them for our purpose: case and spacing after commas ignored. */
export function normaliseDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*,\s*/g, ',')
    .toLowerCase();
}

export function roleFor(groups: readonly string[], groupRoles: Record<string, Role>): Role | null {
  const mapped = new Map(Object.entries(groupRoles).map(([dn, role]) => [normaliseDn(dn), role]));
  let best: Role | null = null;
  for (const group of groups) {
    const role = mapped.get(normaliseDn(group));
    if (role !== undefined && (best === null || roles.indexOf(role) > roles.indexOf(best))) best = role;
  }
  return best;
}

/** The domain root of an Active Directory DN: its DC= components. */
function domainRoot(dn: string): string {
  return dn
    .split(',')
    .filter((part) => /^\s*dc=/i.test(part))
    .join(',');
}

export function createDirectory(options: DirectoryOptions): Directory {
  const { policy } = options;
  const tlsOptions: ConnectionOptions = {
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    ...(options.caPem === null ? {} : { ca: [options.caPem] }),
  };

  async function connect(url: string): Promise<Client> {
    const client = new Client({
      url,
      timeout: policy.timeoutMs,
      connectTimeout: policy.timeoutMs,
      strictDN: true,
      ...(url.startsWith('ldaps:') ? { tlsOptions } : {}),
    });
    if (policy.tls === 'starttls') {
      // A failed upgrade ends the attempt: there is no fallback to plain LDAP.
      await client.startTLS({ ...tlsOptions, servername: new URL(url).hostname });
    }
    return client;
  }

  async function groupsOf(client: Client, entry: Entry): Promise<string[]> {
    if (policy.kind === 'active-directory') {
      const base = policy.groupBase ?? domainRoot(entry.dn);
      const { searchEntries } = await client.search(base, {
        scope: 'sub',
        filter: nestedGroupFilter(entry.dn),
        attributes: ['dn'],
        sizeLimit: 1000,
      });
      return [...new Set([...texts(entry, 'memberOf'), ...searchEntries.map((g) => g.dn)])].map(normaliseDn);
    }
    const direct = texts(entry, 'memberOf');
    if (direct.length > 0 || policy.groupBase === undefined) return direct.map(normaliseDn);
    const { searchEntries } = await client.search(policy.groupBase, {
      scope: 'sub',
      filter: directGroupFilter(entry.dn),
      attributes: ['dn'],
      sizeLimit: 1000,
    });
    return searchEntries.map((g) => normaliseDn(g.dn));
  }

  async function attempt(
    url: string,
    username: string,
    password: string,
    servicePassword: string,
  ): Promise<DirectoryResult> {
    const client = await connect(url);
    try {
      try {
        await client.bind(policy.bindDn, servicePassword);
      } catch (error) {
        if (error instanceof InvalidCredentialsError) {
          throw new DirectoryFault('misconfigured', 'the service account was refused by the directory');
        }
        throw error;
      }
      const { searchEntries } = await client.search(policy.userBase, {
        scope: 'sub',
        filter: userFilter(policy.userFilter, username),
        attributes: entryAttributes,
        sizeLimit: 2,
      });
      const entry = searchEntries.length === 1 ? searchEntries[0] : undefined;
      if (entry === undefined) {
        // Bind anyway with a name that cannot exist, so an unknown user costs what a known one does.
        await client.bind(`cn=sallyport-no-such-user,${policy.userBase}`, password).catch(() => undefined);
        return { kind: 'rejected' };
      }
      const groups = await groupsOf(client, entry);
      try {
        await client.bind(entry.dn, password);
      } catch (error) {
        if (!(error instanceof InvalidCredentialsError)) throw error;
        const state = stateFromBindMessage(error.message) ?? stateFromEntry(entry);
        return state === null ? { kind: 'rejected' } : { kind: 'account-state', state };
      }
      const state = stateFromEntry(entry);
      if (state !== null) return { kind: 'account-state', state };
      return {
        kind: 'authenticated',
        url,
        user: {
          dn: entry.dn,
          username: text(entry, 'uid') ?? text(entry, 'sAMAccountName') ?? username,
          displayName: text(entry, 'displayName') ?? text(entry, 'cn') ?? username,
          groups,
          role: roleFor(groups, policy.groupRoles),
        },
      };
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  return {
    async authenticate(username, password) {
      // RFC 4513 §5.1.2: a bind with an empty password is an unauthenticated bind, which many
      // servers answer with success. Refuse it (and a blank one) before talking to anyone.
      if (password.trim() === '' || username.trim() === '') return { kind: 'rejected' };
      let servicePassword: string;
      try {
        servicePassword = await options.servicePassword();
      } catch {
        return {
          kind: 'unreachable',
          reason: 'misconfigured',
          detail: 'the directory service password is not in the keychain',
        };
      }
      let last = new DirectoryFault('network', 'no directory URL in policy');
      for (const url of policy.urls) {
        try {
          return await attempt(url, username, password, servicePassword);
        } catch (error) {
          last = classify(error);
          if (last.reason === 'misconfigured') break;
        }
      }
      return { kind: 'unreachable', reason: last.reason, detail: last.message };
    },
  };
}
