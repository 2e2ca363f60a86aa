// `POST /v1/audit`: a workstation delivers its audit trail to the records service, which keeps it
// for at least a year (CJIS AU-11). Each event is sent as the workstation stored it, hash chain
// included, so the service can keep and later verify the chain; the hash is the idempotency key.
import { z } from 'zod';

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lower-case hex');

export const AuditEventUpload = z.object({
  seq: z.int().positive(),
  at: z.iso.datetime({ offset: true }),
  workstation: z.string().min(1).max(256),
  source: z.string().min(1).max(32),
  actor: z.string().min(1).max(256),
  action: z.string().min(1).max(64),
  target: z.string().max(256).nullable(),
  outcome: z.enum(['success', 'failure']),
  details: z.record(z.string(), z.unknown()),
  prevHash: Hash,
  hash: Hash,
});
export type AuditEventUpload = z.infer<typeof AuditEventUpload>;

export const AuditBatch = z.object({
  events: z.array(AuditEventUpload).min(1).max(500),
});
export type AuditBatch = z.infer<typeof AuditBatch>;

/** Per event: kept now, or already kept from an earlier delivery (a resend after a lost reply). */
export const AuditReply = z.object({
  results: z.array(z.object({ hash: Hash, outcome: z.enum(['stored', 'duplicate']) })),
});
export type AuditReply = z.infer<typeof AuditReply>;
