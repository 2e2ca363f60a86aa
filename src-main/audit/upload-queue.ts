// Audit rows wait in audit_upload until the records service has them (the sync sends them; the
// service keeps them for at least a year, CJIS AU-11). The rows themselves never change.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { AuditRecord } from './audit-trail';

export async function undeliveredAuditCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('audit_upload')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The oldest undelivered rows, in order. */
export async function undeliveredAudit(db: Kysely<Database>, limit = 500): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_upload')
    .innerJoin('audit', 'audit.seq', 'audit_upload.seq')
    .selectAll('audit')
    .orderBy('audit.seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    workstation: row.workstation,
    source: row.source,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

export async function markAuditDelivered(db: Kysely<Database>, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  await db.deleteFrom('audit_upload').where('seq', 'in', seqs).execute();
}
