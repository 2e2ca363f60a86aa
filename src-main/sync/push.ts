// Sends the outbox to `POST /v1/mutations` in order, with each mutation's own id, and acts on
// every answer in one transaction with its audit rows. An entry with no answer (the request
// failed, or the reply did not mention it) stays pending and goes again, with the same id, so
// the service applies it once. Then delivers the audit trail to `POST /v1/audit`.
import { AuditReply } from '../../src-shared/protocol/audit';
import type { AuditEventUpload } from '../../src-shared/protocol/audit';
import { recordsEndpoints } from '../../src-shared/protocol/endpoints';
import { MutationReply, MutationResult } from '../../src-shared/protocol/mutations';
import type { AuditTrail } from '../audit/audit-trail';
import { markAuditDelivered, undeliveredAudit } from '../audit/upload-queue';
import type { Cache } from '../store/open-cache';
import { inTransaction, withCache } from './cache-access';
import type { LocalRecords } from './local-records';
import { auditActionOf } from './mutation-kinds';
import type { Refusal } from './mutation-kinds';
import type { Outbox, PendingEntry, SyncNotice } from './outbox';
import type { RecordsClient } from './records-client';
import { SyncError } from './sync-error';

export interface PushContext {
  readonly cache: Cache;
  readonly client: RecordsClient;
  readonly token: string;
  readonly signal: AbortSignal;
  readonly outbox: Outbox;
  readonly records: LocalRecords;
  readonly audit: AuditTrail;
  readonly clock: () => Date;
}

export interface PushResult {
  /** Entries the service answered 'applied' (or 'duplicate' of an applied one). */
  readonly done: number;
  /** Entries refused: now notices for the officer. */
  readonly notices: readonly SyncNotice[];
}

const BATCH = 100;
/** Audit events per request; the protocol allows 500, a smaller batch keeps a body well under 1 MiB. */
const AUDIT_BATCH = 200;
const AUDIT_BODY_BYTES = 512 * 1024;
/** Audit batches per round, so a long backlog does not hold up the change feed. */
const AUDIT_BATCHES_PER_ROUND = 10;

export async function pushOutbox(context: PushContext): Promise<PushResult> {
  const { cache, client, outbox } = context;
  let done = 0;
  const notices: SyncNotice[] = [];
  let batchSize = BATCH;
  for (;;) {
    const entries = await withCache(cache, () => outbox.pending(batchSize));
    if (entries.length === 0) break;
    let results: MutationResult[];
    try {
      const reply = await client.json('POST', recordsEndpoints.mutations, MutationReply, {
        token: context.token,
        signal: context.signal,
        body: { mutations: entries.map((entry) => entry.mutation) },
      });
      results = reply.results;
    } catch (error) {
      // A batch the service cannot read (413, or 400 naming one bad entry): find the entry by
      // sending them one at a time; a single entry refused as a whole is refused as such.
      if (error instanceof SyncError && (error.status === 400 || error.status === 413)) {
        if (entries.length > 1) {
          batchSize = 1;
          continue;
        }
        const [only] = entries as [PendingEntry];
        notices.push(...(await answer(context, [only], [rejectedWhole(only, error)])));
        continue;
      }
      const message = error instanceof Error ? error.message : String(error);
      await withCache(cache, () =>
        outbox.attempted(
          entries.map((entry) => entry.mutation.id),
          context.clock(),
          message,
        ),
      );
      throw error;
    }
    const answered = await answer(context, entries, results);
    notices.push(...answered);
    const progress = results.filter((result) =>
      entries.some((entry) => entry.mutation.id === result.id),
    ).length;
    done += progress - answered.length;
    // The service answered none of what was sent: stop rather than loop; the next round retries.
    if (progress === 0) break;
    batchSize = BATCH;
  }
  return { done, notices };
}

function rejectedWhole(entry: PendingEntry, error: SyncError): MutationResult {
  return { id: entry.mutation.id, outcome: 'rejected', reason: error.message };
}

/** Acts on the answers in one transaction, with an audit row for each refusal. */
async function answer(
  context: PushContext,
  entries: readonly PendingEntry[],
  results: readonly MutationResult[],
): Promise<SyncNotice[]> {
  const byId = new Map(results.map((result) => [result.id, result]));
  const now = context.clock();
  return inTransaction(context.cache, async (trx) => {
    const notices: SyncNotice[] = [];
    const unanswered: string[] = [];
    for (const entry of entries) {
      const result = byId.get(entry.mutation.id);
      if (!result) {
        unanswered.push(entry.mutation.id);
        continue;
      }
      const refusal = refusalOf(result);
      if (!refusal) {
        context.outbox.done(entry.mutation.id);
        continue;
      }
      const notice = context.outbox.refused(entry, refusal, context.records, now);
      notices.push(notice);
      const action = auditActionOf(entry.mutation);
      if (action) {
        await context.audit.append(
          {
            action,
            actor: entry.mutation.actor,
            target: `${notice.entity}:${notice.recordId}`,
            outcome: 'failure',
            details: { mutationId: entry.mutation.id, result: refusal.outcome, decidedBy: notice.decidedBy },
          },
          trx,
        );
      }
    }
    context.outbox.attempted(unanswered, now, 'the records service did not answer this entry');
    return notices;
  });
}

/** What an answer means for the entry: null when it is done (applied, or a repeat of applied). */
function refusalOf(result: MutationResult): Refusal | null {
  switch (result.outcome) {
    case 'applied':
      return null;
    case 'conflict':
      return { outcome: 'conflict', current: result.current, currentVersion: result.currentVersion };
    case 'rejected':
      return { outcome: 'rejected', reason: result.reason };
    case 'duplicate': {
      // A resend after a lost reply: the first answer is the one that counts.
      const first = MutationResult.safeParse(result.first);
      return first.success && first.data.outcome !== 'duplicate' ? refusalOf(first.data) : null;
    }
  }
}

export interface AuditDeliveryContext {
  readonly cache: Cache;
  readonly client: RecordsClient;
  readonly token: string;
  readonly signal: AbortSignal;
}

/** Delivers undelivered audit rows, oldest first; returns how many the service now holds. */
export async function deliverAudit(context: AuditDeliveryContext): Promise<number> {
  let delivered = 0;
  for (let batch = 0; batch < AUDIT_BATCHES_PER_ROUND; batch += 1) {
    const rows = await undeliveredAudit(context.cache.db, AUDIT_BATCH);
    if (rows.length === 0) break;
    const events: AuditEventUpload[] = [];
    let bytes = 0;
    for (const row of rows) {
      const event: AuditEventUpload = { ...row, outcome: row.outcome };
      bytes += JSON.stringify(event).length;
      if (events.length > 0 && bytes > AUDIT_BODY_BYTES) break;
      events.push(event);
    }
    const reply = await context.client.json('POST', recordsEndpoints.audit, AuditReply, {
      token: context.token,
      signal: context.signal,
      body: { events },
    });
    const kept = new Set(reply.results.map((result) => result.hash));
    const seqs = events.filter((event) => kept.has(event.hash)).map((event) => event.seq);
    await markAuditDelivered(context.cache.db, seqs);
    delivered += seqs.length;
    if (seqs.length < events.length) break;
  }
  return delivered;
}
