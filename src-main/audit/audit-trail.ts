// Appends events to the audit trail in the cache. Each row is chained to the one before it by
// hash (audit-hash.ts) and queued for upload by a trigger; details are redacted first.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema';
import { auditActions, auditOutcomes } from './audit-actions';
import type { AuditAction, AuditOutcome, AuditSource } from './audit-actions';
import { auditRowHash } from './audit-hash';
import { canonicalJson } from './canonical-json';
import { neutralise, redact } from './redact';

export interface AuditEvent {
  readonly action: AuditAction;
  /** Who acted: the directory username, or 'system' for Sallyport itself. */
  readonly actor: string;
  /** Who or what it was done to: 'inmate:inm-000042', a username, a file name. */
  readonly target?: string | null;
  readonly outcome: AuditOutcome;
  /** Facts about the event; secrets are dropped (see redact.ts). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditRecord {
  readonly seq: number;
  /** UTC, ISO 8601, milliseconds. */
  readonly at: string;
  readonly workstation: string;
  readonly source: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly outcome: AuditOutcome;
  readonly details: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditTrailOptions {
  readonly db: Kysely<Database>;
  /** The workstation's name (policy `workstation.name`, else the host name). */
  readonly workstation: string;
  readonly source?: AuditSource;
  readonly clock?: () => Date;
}

export interface AuditTrail {
  /**
   * Appends one event. Pass the caller's transaction to make the event part of the change it
   * records (a decision and its audit row commit together, or neither does).
   */
  append(event: AuditEvent, within?: Transaction<Database>): Promise<AuditRecord>;
}

const MAX_FIELD = 256;
const ATTEMPTS = 5;

export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  const { db } = options;
  const source = options.source ?? 'app';
  const clock = options.clock ?? (() => new Date());
  const workstation = field(options.workstation, 'workstation');

  async function write(trx: Transaction<Database>, event: AuditEvent): Promise<AuditRecord> {
    const head = await trx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const details = redact(event.details ?? {});
    const content = {
      seq: head.seq + 1,
      at: clock().toISOString(),
      workstation,
      source,
      actor: field(event.actor, 'actor'),
      action: event.action,
      target: event.target === undefined || event.target === null ? null : field(event.target, 'target'),
      outcome: event.outcome,
      details: canonicalJson(details),
    };
    const hash = auditRowHash(head.hash, content);
    await trx
      .insertInto('audit')
      .values({ ...content, prev_hash: head.hash, hash })
      .execute();
    return { ...content, details, prevHash: head.hash, hash };
  }

  return {
    async append(event, within) {
      checkEvent(event);
      if (within) return write(within, event);
      // Another process (the CLI) may append between our read of the head and our insert:
      // SQLite then answers BUSY, and a fresh transaction reads the new head.
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await db.transaction().execute((trx) => write(trx, event));
        } catch (error) {
          if (attempt >= ATTEMPTS || !isBusy(error)) throw error;
        }
      }
    },
  };
}

function checkEvent(event: AuditEvent): void {
  if (!(auditActions as readonly string[]).includes(event.action)) {
    throw new TypeError(`Unknown audit action: ${neutralise(String(event.action)).slice(0, 64)}`);
  }
  if (!(auditOutcomes as readonly string[]).includes(event.outcome)) {
    throw new TypeError('An audit outcome is success or failure.');
  }
}

function field(value: string, name: string): string {
  const text = neutralise(String(value)).slice(0, MAX_FIELD);
  if (text.trim() === '') throw new TypeError(`An audit event needs a ${name}.`);
  return text;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
