// The reference records service: a loopback HTTP (or HTTPS) server over its own SQLite file,
// serving the change feed and taking mutations and audit events, for `npm start`'s demo facility
// and the tests, which can also make it fail on purpose (faults.ts).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { EntityName, EntityRecord } from '../../src-shared/domain/records';
import { recordsEndpoints } from '../../src-shared/protocol/endpoints';
import type { HealthReply } from '../../src-shared/protocol/endpoints';
import type { MutationResult } from '../../src-shared/protocol/mutations';
import { serveAudit } from './audit-endpoint';
import { serveChanges } from './changes-endpoint';
import { deviceTokenCheck } from './device-token';
import type { Fault, FaultHook } from './faults';
import { replyError, replyJson } from './http-replies';
import { serveMutations } from './mutations-endpoint';
import { RecordStore } from './record-store';
import type { Written } from './record-store';
import type { Endpoint, ServiceContext } from './service-context';

export interface RecordsServiceOptions {
  readonly dbPath: string;
  readonly deviceToken: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Loopback only: '127.0.0.1' (the default), '::1' or 'localhost'. */
  readonly host?: string;
  /** Where unexpected failures are reported (never with the token); stderr by default. */
  readonly log?: (message: string) => void;
  /** PEM certificate and key: the service then speaks HTTPS only. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Tests only: a fault to inject per request (see faults.ts). */
  readonly faults?: FaultHook;
}

export interface RecordsService {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly store: RecordStore;
  /** Writes a record's next version and wakes the feed's long-polls (for tests and the demo). */
  upsert<E extends EntityName>(entity: E, record: EntityRecord<E>): Written;
  /** Deletes a record, leaving a tombstone; null when there was nothing to delete. */
  remove(entity: EntityName, id: string): Written | null;
  headSeq(): number;
  /** Distinct mutation ids the service has answered (each is remembered with its first answer). */
  mutationCount(): number;
  /** Answers given per outcome since start, duplicates included. */
  mutationTally(): Readonly<Record<MutationResult['outcome'], number>>;
  /** Long-polls parked on the change feed right now. */
  waitingPolls(): number;
  /** Requests received since start, per path, refused ones included. */
  requestCounts(): Readonly<Record<string, number>>;
  /** Distinct audit events workstations delivered. */
  auditEventCount(): number;
  close(): Promise<void>;
}

const endpoints: Readonly<Record<string, Readonly<Partial<Record<string, Endpoint>>>>> = {
  [recordsEndpoints.changes]: { GET: serveChanges },
  [recordsEndpoints.mutations]: { POST: serveMutations },
  [recordsEndpoints.audit]: { POST: serveAudit },
  [recordsEndpoints.health]: {
    GET: (context, _request, response) => {
      const reply: HealthReply = { ok: true, headSeq: context.store.headSeq() };
      replyJson(response, 200, reply);
    },
  },
};

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startRecordsService(options: RecordsServiceOptions): Promise<RecordsService> {
  const host = options.host ?? '127.0.0.1';
  if (!loopbackHosts.has(host)) {
    throw new Error(`The reference records service binds to loopback only (got host "${host}").`);
  }
  const tokenMatches = deviceTokenCheck(options.deviceToken);
  const log = options.log ?? ((message: string) => console.error(message));
  const store = RecordStore.open(options.dbPath);
  const closing = new AbortController();
  const context: ServiceContext = {
    store,
    closing: closing.signal,
    tally: { applied: 0, duplicate: 0, conflict: 0, rejected: 0 },
    previousFeedQuery: null,
  };
  const requestCounts: Record<string, number> = {};
  let requestIndex = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let route = '(unparsed)';
    try {
      const url = new URL(request.url ?? '/', 'http://records-service.invalid');
      route = url.pathname;
      requestCounts[route] = (requestCounts[route] ?? 0) + 1;
      const index = requestIndex;
      requestIndex += 1;
      // The token is checked before the route, so an unprovisioned caller learns nothing, not even which paths exist.
      if (!tokenMatches(request.headers.authorization)) {
        replyError(
          response,
          401,
          'UNAUTHORIZED',
          'The device token is missing or wrong: ask IT to provision this workstation.',
          { 'www-authenticate': 'Bearer realm="sallyport-records"' },
        );
        return;
      }
      const methods = endpoints[url.pathname];
      if (!methods) {
        replyError(response, 404, 'NOT_FOUND', `The records service has no endpoint ${url.pathname}.`);
        return;
      }
      const endpoint = methods[request.method ?? ''];
      if (!endpoint) {
        const allowed = Object.keys(methods).join(', ');
        replyError(response, 405, 'METHOD_NOT_ALLOWED', `${url.pathname} answers ${allowed} only.`, {
          allow: allowed,
        });
        return;
      }
      const fault =
        options.faults?.({ method: request.method ?? '', path: route, query: url.searchParams, index }) ??
        null;
      if (fault?.kind === 'status') {
        replyFaultStatus(response, fault);
        return;
      }
      await endpoint(context, request, response, url, fault);
    } catch (error) {
      // JSON-quoted, so a message cannot forge log lines; the token is never part of one.
      const reason = JSON.stringify(error instanceof Error ? error.message : String(error));
      log(`records service: ${request.method} ${route} failed: ${reason}`);
      if (!response.headersSent) {
        replyError(
          response,
          500,
          'INTERNAL',
          'The records service failed to answer: try again, and tell IT if it keeps happening.',
        );
      } else {
        response.destroy();
      }
    }
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => void handle(request, response);
  const server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(listener);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    store,
    upsert: (entity, record) => store.upsert(entity, record),
    remove: (entity, id) => store.remove(entity, id),
    headSeq: () => store.headSeq(),
    mutationCount: () => store.mutationCount(),
    mutationTally: () => ({ ...context.tally }),
    waitingPolls: () => store.waitingForAppend,
    requestCounts: () => ({ ...requestCounts }),
    auditEventCount: () => store.auditEventCount(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function replyFaultStatus(response: ServerResponse, fault: Extract<Fault, { kind: 'status' }>): void {
  const headers: Record<string, string> =
    fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
  switch (fault.status) {
    case 401:
      replyError(
        response,
        401,
        'UNAUTHORIZED',
        'The device token is missing or wrong: ask IT to provision this workstation.',
        {
          ...headers,
          'www-authenticate': 'Bearer realm="sallyport-records"',
        },
      );
      return;
    case 503:
      replyError(
        response,
        503,
        'UNAVAILABLE',
        'The records service is down for maintenance: try again later.',
        headers,
      );
      return;
    default:
      replyError(
        response,
        fault.status,
        'INTERNAL',
        'The records service failed to answer: try again later.',
        headers,
      );
  }
}
