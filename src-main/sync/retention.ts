// Retention (policy.retention): after a sync, visits (and their requests) older than visitDays
// and inmates released longer ago than releasedInmateDays, with everything that hangs off them,
// leave the cache. The purge is audited with counts, never names, in the same transaction.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Decision } from '../../src-shared/domain/records';
import type { Policy } from '../../src-shared/policy/policy';
import type { AuditTrail } from '../audit/audit-trail';
import type { Cache } from '../store/open-cache';
import { inTransaction } from './cache-access';

export interface PurgeCounts {
  readonly visits: number;
  readonly visitRequests: number;
  readonly inmates: number;
  readonly approvedContacts: number;
  readonly contactRequests: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every status a visit request can have (rows are written only from records checked against
 * their schema), so the purge reaches slot_start through the queue index (status, slot_start, …).
 */
const anyRequestStatus = Decision.options.map((status) => `'${status}'`).join(', ');

/**
 * Times in the cache are ISO 8601 with offsets, which do not sort as text across offsets; each
 * query narrows with an index range on the text (two days of slack covers any offset) and
 * decides with unixepoch(), which reads the offset. Each is served by an index (retention.test.ts):
 * the purge runs after syncs, and a scan of a large table would read and decrypt all of it.
 */
export const purgeSql = {
  markInmates: `
    insert into temp.sync_purge_inmate (id)
    select id from inmate
    where status = 'released' and released_at is not null
      and released_at < @inmateSlack and unixepoch(released_at) < @inmateCutoff`,
  inmateVisits: `delete from visit where inmate_id in (select id from temp.sync_purge_inmate)`,
  inmateVisitRequests: `delete from visit_request where inmate_id in (select id from temp.sync_purge_inmate)`,
  inmateContacts: `delete from approved_contact where inmate_id in (select id from temp.sync_purge_inmate)`,
  inmateContactRequests: `delete from contact_request where inmate_id in (select id from temp.sync_purge_inmate)`,
  inmates: `delete from inmate where id in (select id from temp.sync_purge_inmate)`,
  oldVisits: `delete from visit where slot_start < @visitSlack and unixepoch(slot_end) < @visitCutoff`,
  oldVisitRequests: `delete from visit_request
    where status in (${anyRequestStatus}) and slot_start < @visitSlack and unixepoch(slot_end) < @visitCutoff`,
};

export async function purgeExpired(
  cache: Cache,
  audit: AuditTrail,
  retention: Policy['retention'],
  now: Date,
): Promise<PurgeCounts> {
  const visitCutoff = now.getTime() - retention.visitDays * DAY_MS;
  const inmateCutoff = now.getTime() - retention.releasedInmateDays * DAY_MS;
  const parameters = {
    visitCutoff: Math.floor(visitCutoff / 1000),
    visitSlack: new Date(visitCutoff + 2 * DAY_MS).toISOString(),
    inmateCutoff: Math.floor(inmateCutoff / 1000),
    inmateSlack: new Date(inmateCutoff + 2 * DAY_MS).toISOString(),
  };
  return inTransaction(cache, async (trx) => {
    const counts = purge(cache.sqlite, parameters);
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    if (total > 0) {
      await audit.append(
        {
          action: 'cache.retention-purge',
          actor: 'system',
          target: 'retention',
          outcome: 'success',
          details: {
            reason: 'retention',
            ...counts,
            visitDays: retention.visitDays,
            releasedInmateDays: retention.releasedInmateDays,
          },
        },
        trx,
      );
    }
    return counts;
  });
}

function purge(sqlite: BetterSqlite3.Database, parameters: Record<string, string | number>): PurgeCounts {
  sqlite.exec('create temp table if not exists sync_purge_inmate (id text primary key)');
  sqlite.exec('delete from temp.sync_purge_inmate');
  const run = (sql: string) =>
    sql.includes('@') ? sqlite.prepare(sql).run(parameters).changes : sqlite.prepare(sql).run().changes;
  run(purgeSql.markInmates);
  const visitsOfInmates = run(purgeSql.inmateVisits);
  const visitRequestsOfInmates = run(purgeSql.inmateVisitRequests);
  const approvedContacts = run(purgeSql.inmateContacts);
  const contactRequests = run(purgeSql.inmateContactRequests);
  const inmates = run(purgeSql.inmates);
  const visits = visitsOfInmates + run(purgeSql.oldVisits);
  const visitRequests = visitRequestsOfInmates + run(purgeSql.oldVisitRequests);
  sqlite.exec('delete from temp.sync_purge_inmate');
  return { visits, visitRequests, inmates, approvedContacts, contactRequests };
}
