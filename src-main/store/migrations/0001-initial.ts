// The first schema: the synced records, the local tables, the search index and the audit guards.
// Frozen in time: it imports nothing from the app, so later changes to the app cannot change it.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration sees the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await createSyncedTables(db);
  await createLocalTables(db);
  await createAuditTables(db);
  await createInmateSearch(db);
}

async function createSyncedTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('facility')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('housing_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('security_level', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('housing_unit_by_code').on('housing_unit').column('code').execute();

  // No foreign keys between synced tables: the records service owns their integrity, and a feed
  // page that names a record before its parent must still apply rather than halt the sync.
  await db.schema
    .createTable('inmate')
    .addColumn('pk', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('booking_number', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text')
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('housing_unit_id', 'text')
    .addColumn('cell', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('restrictions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('booked_at', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inmate_by_booking_number').on('inmate').column('booking_number').execute();
  await db.schema
    .createIndex('inmate_by_housing_unit')
    .on('inmate')
    .columns(['housing_unit_id', 'last_name', 'first_name'])
    .execute();
  await db.schema.createIndex('inmate_by_status').on('inmate').columns(['status', 'released_at']).execute();

  await db.schema
    .createTable('visitor')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('id_document', 'text')
    .addColumn('banned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('visitor_by_name')
    .on('visitor')
    .columns(['last_name', 'first_name', 'date_of_birth'])
    .execute();

  await db.schema
    .createTable('approved_contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // The inmate's contact list, and "is this visitor approved for this inmate" at decision time.
  await db.schema
    .createIndex('approved_contact_by_inmate')
    .on('approved_contact')
    .columns(['inmate_id', 'visitor_id', 'status'])
    .execute();
  await db.schema
    .createIndex('approved_contact_by_visitor')
    .on('approved_contact')
    .column('visitor_id')
    .execute();

  await db.schema
    .createTable('visit_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('slot_end', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // The visit queue: pending requests by slot; an inmate's and a visitor's requests.
  await db.schema
    .createIndex('visit_request_queue')
    .on('visit_request')
    .columns(['status', 'slot_start', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('visit_request_by_inmate')
    .on('visit_request')
    .columns(['inmate_id', 'slot_start'])
    .execute();
  await db.schema
    .createIndex('visit_request_by_visitor')
    .on('visit_request')
    .columns(['visitor_id', 'slot_start'])
    .execute();

  await db.schema
    .createTable('visit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text')
    .addColumn('inmate_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('slot_end', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // The day's schedule, an inmate's and a visitor's visits (conflict checks), the request's visit.
  await db.schema.createIndex('visit_by_slot').on('visit').columns(['slot_start', 'outcome']).execute();
  await db.schema.createIndex('visit_by_inmate').on('visit').columns(['inmate_id', 'slot_start']).execute();
  await db.schema.createIndex('visit_by_visitor').on('visit').columns(['visitor_id', 'slot_start']).execute();
  await db.schema.createIndex('visit_by_request').on('visit').column('request_id').execute();

  await db.schema
    .createTable('contact_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_request_queue')
    .on('contact_request')
    .columns(['status', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('contact_request_by_inmate')
    .on('contact_request')
    .columns(['inmate_id', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('contact_request_by_visitor')
    .on('contact_request')
    .column('visitor_id')
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) =>
      c
        .notNull()
        .unique()
        .modifyEnd(sql`collate nocase`),
    )
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_by_role').on('staff').columns(['role', 'display_name']).execute();
}

async function createLocalTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_mfa')
    .addColumn('username', 'text', (c) => c.primaryKey().modifyEnd(sql`collate nocase`))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`state in ('none', 'code-issued', 'enrolled')`),
    )
    .addColumn('totp_secret', 'text')
    .addColumn('enrolled_at', 'text')
    .addColumn('last_accepted_step', 'integer')
    .addColumn('enrolment_code_hash', 'text')
    .addColumn('enrolment_code_expires_at', 'text')
    .addColumn('enrolment_code_issued_by', 'text')
    .addColumn('offline_verifier', 'text')
    .addColumn('last_online_sign_in_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('lockout')
    .addColumn('username', 'text', (c) => c.primaryKey().modifyEnd(sql`collate nocase`))
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_failure_at', 'text')
    .addColumn('last_failure_at', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('released_at', 'text')
    .addColumn('released_by', 'text')
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('cursor_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('head_seq', 'integer')
    .addColumn('up_to_date', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('initial_sync_completed_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.insertInto('sync_state').values({ id: 1 }).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('mutation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'conflict', 'rejected')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result', 'text')
    .execute();
  await db.schema.createIndex('outbox_by_status').on('outbox').columns(['status', 'seq']).execute();
  // "This request has a decision waiting to be sent" on the queue screens.
  await db.schema.createIndex('outbox_by_record').on('outbox').columns(['entity', 'record_id']).execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('feed_seq', 'integer')
    .addColumn('entity', 'text')
    .addColumn('record_id', 'text')
    .addColumn('version', 'integer')
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('quarantine_by_record')
    .on('quarantine')
    .columns(['entity', 'record_id'])
    .execute();
}

async function createAuditTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('workstation', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('success', 'failure')`))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // The audit screen filters by actor, by action and by subject, newest first.
  await db.schema.createIndex('audit_by_actor').on('audit').columns(['actor', 'seq']).execute();
  await db.schema.createIndex('audit_by_action').on('audit').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_by_target').on('audit').columns(['target', 'seq']).execute();

  await db.schema
    .createTable('audit_upload')
    .addColumn('seq', 'integer', (c) => c.primaryKey().references('audit.seq'))
    .execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head')
    .values({ id: 1, seq: 0, hash: '0'.repeat(64) })
    .execute();

  // A first line of defence; `sallyport audit verify` still catches edits that bypass SQL.
  await sql`
    create trigger audit_refuse_update before update on audit
    begin select raise(abort, 'the audit trail is append-only'); end
  `.execute(db);
  await sql`
    create trigger audit_refuse_delete before delete on audit
    begin select raise(abort, 'the audit trail is append-only'); end
  `.execute(db);
  await sql`
    create trigger audit_append_in_order before insert on audit
    when new.seq is not (select coalesce(max(seq), 0) + 1 from audit)
      or new.prev_hash is not (select hash from audit_head where id = 1)
    begin select raise(abort, 'audit rows are appended in order, each after the newest'); end
  `.execute(db);
  await sql`
    create trigger audit_after_insert after insert on audit
    begin
      insert into audit_upload (seq) values (new.seq);
      update audit_head set seq = new.seq, hash = new.hash where id = 1;
    end
  `.execute(db);
  await sql`
    create trigger audit_head_forward_only before update on audit_head
    when new.seq <= old.seq
    begin select raise(abort, 'the audit head only moves forward'); end
  `.execute(db);
}

/**
 * Inmate search: a contentless FTS5 index over booking number, names and housing unit, with
 * prefix indexes so each keystroke is a prefix lookup. Triggers keep it in step with the inmate
 * and housing_unit tables, whoever writes them.
 */
async function createInmateSearch(db: Kysely<any>): Promise<void> {
  await sql`
    create virtual table inmate_search using fts5(
      booking, last_name, first_name, middle_name, joined_names, housing,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3 4'
    )
  `.execute(db);

  // "2026-004211" is found by "2026-0042", "004211" and "4211"; "O'Brien" by "o'b" and "obrien".
  const booking = (row: string) =>
    `${row}.booking_number || ' ' || ltrim(substr(${row}.booking_number, 6), '0')`;
  const joined = (name: string) =>
    `replace(replace(replace(replace(replace(coalesce(${name}, ''), '''', ''), '’', ''), '-', ''), ' ', ''), '.', '')`;
  const joinedNames = (row: string) =>
    `${joined(`${row}.last_name`)} || ' ' || ${joined(`${row}.first_name`)} || ' ' || ${joined(`${row}.middle_name`)}`;
  const housing = (row: string) =>
    `coalesce((select code || ' ' || name from housing_unit where id = ${row}.housing_unit_id), '')`;
  const values = (row: string) =>
    `${row}.pk, ${booking(row)}, ${row}.last_name, ${row}.first_name, coalesce(${row}.middle_name, ''), ${joinedNames(row)}, ${housing(row)}`;
  const columns = 'rowid, booking, last_name, first_name, middle_name, joined_names, housing';

  await sql
    .raw(
      `create trigger inmate_search_insert after insert on inmate begin
         insert into inmate_search (${columns}) values (${values('new')});
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inmate_search_update
       after update of booking_number, first_name, middle_name, last_name, housing_unit_id on inmate
       when new.booking_number is not old.booking_number or new.first_name is not old.first_name
         or new.middle_name is not old.middle_name or new.last_name is not old.last_name
         or new.housing_unit_id is not old.housing_unit_id or new.pk is not old.pk
       begin
         delete from inmate_search where rowid = old.pk;
         insert into inmate_search (${columns}) values (${values('new')});
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger inmate_search_delete after delete on inmate begin
         delete from inmate_search where rowid = old.pk;
       end`,
    )
    .execute(db);

  // A unit renamed, or arriving after its inmates on the feed: re-index the inmates in it.
  const reindexUnit = (unit: string) => `
    delete from inmate_search where rowid in (select pk from inmate where housing_unit_id = ${unit}.id);
    insert into inmate_search (${columns}) select ${values('inmate')} from inmate where housing_unit_id = ${unit}.id;`;
  await sql
    .raw(
      `create trigger housing_unit_search_insert after insert on housing_unit begin ${reindexUnit('new')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger housing_unit_search_update after update of code, name on housing_unit
       when new.code is not old.code or new.name is not old.name
       begin ${reindexUnit('new')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger housing_unit_search_delete after delete on housing_unit begin ${reindexUnit('old')} end`,
    )
    .execute(db);
}
