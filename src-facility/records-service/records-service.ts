// The reference records service: a loopback HTTP server over its own SQLite file, serving the
// change feed and taking mutations, for `npm start`'s demo facility and the tests.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EntityName, EntityRecord } from '../../src-shared/domain/records';
import { recordsEndpoints } from '../../src-shared/protocol/endpoints';
import type { HealthReply } from '../../src-shared/protocol/endpoints';
import type { MutationResult } from '../../src-shared/protocol/mutations';
import { serveChanges } from './changes-endpoint';
import { deviceTokenCheck } from './device-token';
import { replyError, replyJson } from './http-replies';
import { serveMutations } from './mutations-endpoint';
import { RecordStore } from './record-store';
import type { Written } from './record-store';
import type { ServiceContext } from './service-context';

export interface RecordsServiceOptions {
  readonly dbPath: string;
  readonly deviceToken: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Loopback only: '127.0.0.1' (the default), '::1' or 'localhost'. It speaks plain HTTP. */
  readonly host?: string;
  /** Where unexpected failures are reported (never with the token); stderr by default. */
  readonly log?: (message: string) => void;
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
  close(): Promise<void>;
}

type Endpoint = (
  context: ServiceContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => unknown;

const endpoints: Readonly<Record<string, Readonly<Partial<Record<string, Endpoint>>>>> = {
  [recordsEndpoints.changes]: { GET: serveChanges },
  [recordsEndpoints.mutations]: { POST: serveMutations },
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
    throw new Error(
      `The reference records service speaks plain HTTP and binds to loopback only (got host "${host}").`,
    );
  }
  const tokenMatches = deviceTokenCheck(options.deviceToken);
  const log = options.log ?? ((message: string) => console.error(message));
  const store = RecordStore.open(options.dbPath);
  const closing = new AbortController();
  const context: ServiceContext = {
    store,
    closing: closing.signal,
    tally: { applied: 0, duplicate: 0, conflict: 0, rejected: 0 },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let route = '(unparsed)';
    try {
      const url = new URL(request.url ?? '/', 'http://records-service.invalid');
      route = url.pathname;
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
      await endpoint(context, request, response, url);
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

  const server = createServer((request, response) => void handle(request, response));
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
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

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
