// An in-process, read-only LDAP directory for `npm start`'s demo facility: a service account for
// the workstation's search bind and one person per Sallyport role, with fresh passwords per start.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import ldap from 'ldapjs';
import type { Role } from '../../src-shared/domain/roles';
import { demoAccountSpecs, displayNameOf } from './demo-accounts';
import { baseDn, buildDirectoryTree, roleGroups, serviceDn, userBase, userDn } from './directory-tree';
import { matchesFilter, normaliseDn } from './filter-match';
import { selectAttributes } from './select-attributes';
import type { SearchScope } from './search-scope';
import { inScope } from './search-scope';

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface DemoDirectory {
  /** ldap://127.0.0.1:PORT (plain LDAP, loopback only). */
  readonly url: string;
  readonly bindDn: string;
  readonly bindPassword: string;
  readonly baseDn: string;
  readonly userBase: string;
  /** Group DN -> role, as the facility policy's directory.groupRoles wants it. */
  readonly groupRoles: Readonly<Record<string, Role>>;
  readonly accounts: readonly DemoAccount[];
  close(): Promise<void>;
}

export interface DemoDirectoryOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

/** The parts of ldapjs's request and response objects the handlers use (its typings say `any`). */
interface LdapRequest {
  readonly dn: { toString(): string };
  readonly credentials?: string;
  readonly scope?: number;
  readonly filter?: Parameters<typeof matchesFilter>[0];
  readonly attributes?: readonly string[];
  readonly connection: { ldap: { bindDN: unknown } };
}
interface LdapResponse {
  attributes: string[];
  send(entry: { dn: string; attributes: Record<string, readonly string[]> }): void;
  end(): void;
}
type Next = (error?: unknown) => void;

const searchScopes: readonly SearchScope[] = ['base', 'one', 'sub'];

/** Readable enough to type from the console, 96 bits from the CSPRNG. */
function demoPassword(): string {
  return `demo-${randomBytes(12).toString('base64url')}`;
}

function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export async function startDemoDirectory(options: DemoDirectoryOptions = {}): Promise<DemoDirectory> {
  const bindPassword = demoPassword();
  const accounts: DemoAccount[] = demoAccountSpecs.map((spec) => ({
    username: spec.username,
    password: demoPassword(),
    displayName: displayNameOf(spec),
    role: spec.role,
  }));
  const passwords = new Map<string, string>([
    [normaliseDn(serviceDn), bindPassword],
    ...accounts.map((account) => [normaliseDn(userDn(account.username)), account.password] as const),
  ]);
  const entries = buildDirectoryTree(demoAccountSpecs);
  const known = new Set(entries.map((entry) => normaliseDn(entry.dn)));
  const anonymous = ldap.parseDN('cn=anonymous');

  const server = ldap.createServer();
  // ldapjs wraps a net.Server; its sockets are tracked so close() can end open client connections.
  const netServer = (server as unknown as { server: NetServer }).server;
  const sockets = new Set<Socket>();
  netServer.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  server.bind('', (request: LdapRequest, response: LdapResponse, next: Next) => {
    const expected = passwords.get(normaliseDn(request.dn.toString()));
    const presented = request.credentials ?? '';
    // An empty password would be an unauthenticated bind (RFC 4513 §5.1.2): never a success for a named user.
    if (expected === undefined || presented === '' || !sameSecret(presented, expected)) {
      request.connection.ldap.bindDN = anonymous;
      // Unknown user and wrong password give the same answer: the directory does not confirm who exists.
      return next(new ldap.InvalidCredentialsError());
    }
    response.end();
    return next();
  });

  server.search('', (request: LdapRequest, response: LdapResponse, next: Next) => {
    const boundAs = normaliseDn(String(request.connection.ldap.bindDN));
    if (!passwords.has(boundAs)) {
      return next(
        new ldap.InsufficientAccessRightsError('Bind before searching: anonymous search is refused.'),
      );
    }
    const base = normaliseDn(request.dn.toString());
    if (!known.has(base)) return next(new ldap.NoSuchObjectError(request.dn.toString()));
    // RFC 4511 numbers the scopes 0 (base object), 1 (one level), 2 (whole subtree).
    const scope = searchScopes[request.scope ?? 0] ?? 'base';
    for (const entry of entries) {
      if (!inScope(normaliseDn(entry.dn), base, scope)) continue;
      if (request.filter && !matchesFilter(request.filter, entry)) continue;
      // The selection is made here (ldapjs's own compares names case-sensitively and drops 'displayName').
      response.attributes = [];
      response.send({ dn: entry.dn, attributes: selectAttributes(entry, request.attributes ?? []) });
    }
    response.end();
    return next();
  });

  const readOnly = (_request: unknown, _response: unknown, next: Next) =>
    next(new ldap.UnwillingToPerformError('The demo directory is read-only.'));
  server.add('', readOnly);
  server.modify('', readOnly);
  server.del('', readOnly);
  server.modifyDN('', readOnly);
  server.compare('', readOnly);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = netServer.address() as AddressInfo;

  return {
    url: `ldap://127.0.0.1:${port}`,
    bindDn: serviceDn,
    bindPassword,
    baseDn,
    userBase,
    groupRoles: Object.fromEntries(
      (Object.entries(roleGroups) as [Role, string][]).map(([role, dn]) => [dn, role]),
    ),
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open client connections would hold close() forever.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
