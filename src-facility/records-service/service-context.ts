// What every endpoint of the records service works with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MutationResult } from '../../src-shared/protocol/mutations';
import type { Fault } from './faults';
import type { RecordStore } from './record-store';

export interface ServiceContext {
  readonly store: RecordStore;
  /** Aborted when the service closes, which ends parked long-polls. */
  readonly closing: AbortSignal;
  /** Answers given per outcome since the service started, duplicates included. */
  readonly tally: Record<MutationResult['outcome'], number>;
  /** The last page of the feed served, for the 'replay-previous-page' fault. */
  previousFeedQuery: { readonly after: number; readonly limit: number } | null;
}

/** An endpoint, given the fault a test injected into this request (null almost always). */
export type Endpoint = (
  context: ServiceContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  fault: Fault | null,
) => unknown;
