// Walks the audit trail in order and checks every link: no seq missing, each row pointing at the
// hash of the row before it, each hash matching the row's content, and the newest row being the
// one last written. The first row that fails is named.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { auditRowHash, GENESIS_HASH } from './audit-hash';

export type AuditChainReport =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly rows: number; readonly firstBrokenSeq: number; readonly reason: string };

export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  const broken = (firstBrokenSeq: number, reason: string): AuditChainReport => ({
    ok: false,
    rows,
    firstBrokenSeq,
    reason,
  });

  const stream = db.selectFrom('audit').selectAll().orderBy('seq').stream(1000);
  for await (const row of stream) {
    if (row.seq !== expectedSeq) {
      const reason =
        expectedSeq === 1
          ? `row 1 is missing: the trail starts at row ${row.seq}`
          : `row ${expectedSeq} is missing: row ${expectedSeq - 1} is followed by row ${row.seq}`;
      return broken(expectedSeq, reason);
    }
    if (row.prev_hash !== prevHash) {
      return broken(
        row.seq,
        `row ${row.seq} does not link to row ${row.seq - 1}: rows were reordered, removed or rewritten`,
      );
    }
    const hash = auditRowHash(row.prev_hash, row);
    if (hash !== row.hash) {
      return broken(row.seq, `row ${row.seq} was changed after it was written`);
    }
    rows += 1;
    expectedSeq += 1;
    prevHash = row.hash;
  }

  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const lastSeq = expectedSeq - 1;
  if (!head) return broken(lastSeq + 1, 'the record of the newest row is missing');
  if (head.seq > lastSeq) {
    return broken(
      lastSeq + 1,
      `rows ${lastSeq + 1} to ${head.seq} are missing: row ${head.seq} was the newest written`,
    );
  }
  if (head.seq < lastSeq) {
    return broken(head.seq + 1, `row ${head.seq + 1} and after were added outside Sallyport`);
  }
  if (head.hash !== prevHash) {
    return broken(lastSeq, `row ${lastSeq} is not the row that was written last`);
  }
  return { ok: true, rows };
}
