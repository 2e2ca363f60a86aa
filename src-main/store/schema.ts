// The cache's tables as Kysely sees them. Synced tables mirror src-shared/domain/records.ts in
// snake_case with the record's `version` from the change feed; restrictions are JSON text and
// booleans are 0/1. Local tables (outbox, audit, lockout, MFA, sync state) exist only here.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** 0 or 1: SQLite has no boolean. */
export type SqlBoolean = 0 | 1;

export interface FacilityTable {
  id: string;
  name: string;
  time_zone: string;
  version: number;
}

export interface HousingUnitTable {
  id: string;
  code: string;
  name: string;
  security_level: string;
  capacity: number;
  version: number;
}

export interface InmateTable {
  /** Stable rowid: the search index points at it, and VACUUM never renumbers it. */
  pk: Generated<number>;
  id: string;
  booking_number: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  date_of_birth: string;
  housing_unit_id: string | null;
  cell: string | null;
  status: string;
  /** JSON array of Restriction. */
  restrictions: string;
  booked_at: string;
  released_at: string | null;
  version: number;
}

export interface VisitorTable {
  id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  phone: string | null;
  email: string | null;
  id_document: string | null;
  banned: SqlBoolean;
  version: number;
}

export interface ApprovedContactTable {
  id: string;
  inmate_id: string;
  visitor_id: string;
  relationship: string;
  approved_by: string;
  approved_at: string;
  status: string;
  version: number;
}

export interface VisitRequestTable {
  id: string;
  inmate_id: string;
  visitor_id: string;
  kind: string;
  slot_start: string;
  slot_end: string;
  requested_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  version: number;
}

export interface VisitTable {
  id: string;
  request_id: string | null;
  inmate_id: string;
  visitor_id: string;
  kind: string;
  slot_start: string;
  slot_end: string;
  outcome: string;
  version: number;
}

export interface ContactRequestTable {
  id: string;
  inmate_id: string;
  visitor_id: string;
  relationship: string;
  requested_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  version: number;
}

export interface StaffTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  active: SqlBoolean;
  version: number;
}

/** This workstation's view of a staff member's second factor and offline sign-in; never synced down. */
export interface StaffMfaTable {
  username: string;
  /** 'none' | 'code-issued' | 'enrolled'. */
  state: string;
  /** The TOTP secret (base32) once enrolled; the whole file is encrypted. */
  totp_secret: string | null;
  enrolled_at: string | null;
  /** The last accepted TOTP time step: a code is accepted once (RFC 6238 §5.2). */
  last_accepted_step: number | null;
  /** A salted hash of the enrolment code an administrator issued, never the code. */
  enrolment_code_hash: string | null;
  enrolment_code_expires_at: string | null;
  enrolment_code_issued_by: string | null;
  /** Salted memory-hard hash for offline sign-in, when policy allows it. */
  offline_verifier: string | null;
  last_online_sign_in_at: string | null;
  updated_at: string;
  /** From the last online sign-in (migration 0002): for offline sign-in and the Staff screen. */
  display_name: string | null;
  role: string | null;
  last_sign_in_at: string | null;
}

/** Facility-wide enrolments from the feed (migration 0004); a null secret is a reset. */
export interface StaffEnrolmentTable {
  id: string;
  username: string;
  totp_secret: string | null;
  changed_at: string;
  version: number;
}

/** One-time recovery codes (migration 0002), stored as salted hashes. */
export interface RecoveryCodeTable {
  username: string;
  hash: string;
  used_at: string | null;
}

/** Consecutive failed sign-ins per username (CJIS AC-7). */
export interface LockoutTable {
  username: string;
  consecutive_failures: Generated<number>;
  first_failure_at: string | null;
  last_failure_at: string | null;
  locked_at: string | null;
  released_at: string | null;
  released_by: string | null;
}

/** One row (id 1): where the change feed is up to. */
export interface SyncStateTable {
  id: ColumnType<1, 1 | undefined, never>;
  /** The highest feed seq applied; the next request asks for `after=cursor_seq`. */
  cursor_seq: number;
  head_seq: number | null;
  up_to_date: SqlBoolean;
  initial_sync_completed_at: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  /** Records the feed promised for the initial sync, and lines received so far (0003). */
  initial_expected: number | null;
  initial_received: number | null;
}

export type OutboxStatus = 'pending' | 'conflict' | 'rejected';

/** Decisions waiting to be sent to the records service, oldest first. */
export interface OutboxTable {
  seq: Generated<number>;
  /** The mutation's id: the idempotency key. */
  id: string;
  kind: string;
  entity: string;
  record_id: string;
  actor: string;
  /** The Mutation as JSON (src-shared/protocol/mutations.ts). */
  mutation: string;
  created_at: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: Generated<number>;
  last_attempt_at: string | null;
  last_error: string | null;
  /** The service's MutationResult as JSON, for a conflict or a rejection. */
  result: string | null;
  /** The record as JSON before the optimistic change; null for a kind that changes none (0003). */
  before: string | null;
  answered_at: string | null;
}

/** The secondary indexes an initial sync set aside, to build again (0003). */
export interface SyncDeferredIndexTable {
  name: string;
  sql: string;
}

export interface AuditTable {
  seq: number;
  /** UTC, ISO 8601 with milliseconds. */
  at: string;
  workstation: string;
  source: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: 'success' | 'failure';
  /** Canonical JSON of the redacted details. */
  details: string;
  prev_hash: string;
  hash: string;
}

/** Audit rows not yet delivered to the records service; filled by a trigger on insert. */
export interface AuditUploadTable {
  seq: number;
}

/** One row (id 1): the newest audit row written, so a removed tail shows. */
export interface AuditHeadTable {
  id: ColumnType<1, 1 | undefined, never>;
  seq: number;
  hash: string;
}

/** Change-feed lines that failed validation, kept for IT instead of being applied or lost. */
export interface QuarantineTable {
  seq: Generated<number>;
  received_at: string;
  feed_seq: number | null;
  entity: string | null;
  record_id: string | null;
  version: number | null;
  /** The line as received, cut to a bounded length. */
  line: string;
  reason: string;
}

export interface Database {
  facility: FacilityTable;
  housing_unit: HousingUnitTable;
  inmate: InmateTable;
  visitor: VisitorTable;
  approved_contact: ApprovedContactTable;
  visit_request: VisitRequestTable;
  visit: VisitTable;
  contact_request: ContactRequestTable;
  staff: StaffTable;
  staff_mfa: StaffMfaTable;
  recovery_code: RecoveryCodeTable;
  staff_enrolment: StaffEnrolmentTable;
  lockout: LockoutTable;
  sync_state: SyncStateTable;
  sync_deferred_index: SyncDeferredIndexTable;
  outbox: OutboxTable;
  audit: AuditTable;
  audit_upload: AuditUploadTable;
  audit_head: AuditHeadTable;
  quarantine: QuarantineTable;
}

export type InmateRow = Selectable<InmateTable>;
export type NewInmateRow = Insertable<InmateTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
export type OutboxUpdate = Updateable<OutboxTable>;
export type AuditRow = Selectable<AuditTable>;
export type QuarantineRow = Selectable<QuarantineTable>;
