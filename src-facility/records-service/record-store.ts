// The records service's data: every write appends to the change log and moves the record's
// current version; readers page through the log, or through the compacted view for a first sync.
import type Database from 'better-sqlite3-multiple-ciphers';
import { entitySchemas } from '../../src-shared/domain/records';
import type { EntityName, EntityRecord } from '../../src-shared/domain/records';
import type { AuditEventUpload, AuditReply } from '../../src-shared/protocol/audit';
import type { MutationResult } from '../../src-shared/protocol/mutations';
import type { GeneratedRecord } from '../generate/generate-facility';
import { AppendSignal } from './append-signal';
import { openServiceDatabase } from './open-service-database';

/** A change as stored: `data` is the record's JSON text, null for a deletion. */
export interface ChangeRow {
  readonly seq: number;
  readonly entity: EntityName;
  readonly recordId: string;
  readonly op: 'upsert' | 'delete';
  readonly version: number;
  readonly data: string | null;
}

/** A change row as the feed statements return it (raw): changeColumns in order. */
type PageRow = [
  seq: number,
  entity: EntityName,
  recordId: string,
  op: ChangeRow['op'],
  version: number,
  data: string | null,
];

export interface CurrentRecord {
  readonly version: number;
  readonly seq: number;
  readonly deleted: boolean;
  /** The record as last written; null once deleted. */
  readonly data: unknown;
}

export interface Written {
  readonly seq: number;
  readonly version: number;
}

/** A live record as the service holds it: `data` is its JSON text. */
export interface LiveRecord {
  readonly entity: EntityName;
  readonly id: string;
  readonly version: number;
  readonly data: string;
}

const changeColumns = 'c.seq, c.entity, c.record_id AS recordId, c.op, c.version, c.data';

/**
 * A change as its line of the feed (NDJSON, ending in a newline), made by SQLite: `data` is JSON
 * text already and is spliced in unparsed, and no JavaScript value is made per field.
 */
const changeLineSql =
  `'{"type":"change","seq":' || c.seq || ',"entity":' || json_quote(c.entity) || ',"op":' || json_quote(c.op) ||` +
  ` ',"id":' || json_quote(c.record_id) || ',"version":' || c.version || ',"data":' || coalesce(c.data, 'null') ||` +
  ` '}' || char(10)`;

/** The changes after a seq, oldest first: the log, or each record's newest change only. */
const logFrom = 'FROM changes c WHERE c.seq > ? ORDER BY c.seq LIMIT ?';
const compactedFrom = 'FROM records r JOIN changes c ON c.seq = r.seq WHERE r.seq > ? ORDER BY r.seq LIMIT ?';

/**
 * A run of changes as one row: how many, the seq of the last, and their lines joined, as bytes
 * (a BLOB reaches JavaScript as a Buffer, which goes to the socket as it is: no string is made
 * per line, and no text is decoded from UTF-8 and encoded again). The lines are joined in the
 * order the ordered, limited subquery yields them, which SQLite runs before the aggregate; a
 * `group_concat(… ORDER BY seq)` would sort each run again (measured: about 45% more of the
 * service's CPU for an initial sync).
 * change-feed.test.ts holds a page of several runs to seq order.
 */
const linesSql = (from: string) =>
  `SELECT count(*), max(seq), cast(group_concat(line, '') AS BLOB)
   FROM (SELECT c.seq AS seq, ${changeLineSql} AS line ${from})`;

export class RecordStore {
  readonly #db: Database.Database;
  readonly #appended = new AppendSignal();
  #uncommittedAppend = false;
  readonly #statements;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#statements = {
      head: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM changes'),
      recordCount: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM records'),
      current: db.prepare<
        [string, string],
        { version: number; seq: number; op: string; data: string | null }
      >(
        'SELECT r.version, r.seq, c.op, c.data FROM records r JOIN changes c ON c.seq = r.seq WHERE r.entity = ? AND r.id = ?',
      ),
      currentVersion: db.prepare<[string, string], { version: number }>(
        'SELECT version FROM records WHERE entity = ? AND id = ?',
      ),
      append: db.prepare<[string, string, string, number, string | null]>(
        'INSERT INTO changes (entity, record_id, op, version, data) VALUES (?, ?, ?, ?, ?)',
      ),
      setCurrent: db.prepare<[string, string, number, number]>(
        `INSERT INTO records (entity, id, version, seq) VALUES (?, ?, ?, ?)
         ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, seq = excluded.seq`,
      ),
      insertCurrent: db.prepare<[string, string, number, number]>(
        'INSERT INTO records (entity, id, version, seq) VALUES (?, ?, ?, ?)',
      ),
      logPage: db.prepare<[number, number]>(`SELECT ${changeColumns} ${logFrom}`).raw(),
      compactedPage: db.prepare<[number, number]>(`SELECT ${changeColumns} ${compactedFrom}`).raw(),
      logLines: db.prepare<[number, number]>(linesSql(logFrom)).raw(),
      compactedLines: db.prepare<[number, number]>(linesSql(compactedFrom)).raw(),
      logHasAfter: db.prepare<[number], { found: number }>(
        'SELECT 1 AS found FROM changes WHERE seq > ? LIMIT 1',
      ),
      mutation: db.prepare<[string], { result: string }>('SELECT result FROM mutations WHERE id = ?'),
      rememberMutation: db.prepare<[string, string, string, string]>(
        'INSERT INTO mutations (id, outcome, result, received_at) VALUES (?, ?, ?, ?)',
      ),
      mutationCount: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM mutations'),
      live: db.prepare<[], LiveRecord>(
        `SELECT r.entity, r.id, r.version, c.data FROM records r JOIN changes c ON c.seq = r.seq
         WHERE c.op = 'upsert' ORDER BY r.entity, r.id`,
      ),
      storeAudit: db.prepare<
        [
          string,
          string,
          number,
          string,
          string,
          string,
          string,
          string | null,
          string,
          string,
          string,
          string,
        ]
      >(
        `INSERT INTO audit_events (hash, workstation, seq, at, source, actor, action, target, outcome, details, prev_hash, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`,
      ),
      auditCount: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM audit_events'),
      auditOf: db.prepare<[string], { seq: number; action: string; hash: string }>(
        'SELECT seq, action, hash FROM audit_events WHERE workstation = ? ORDER BY seq',
      ),
    };
  }

  static open(path: string): RecordStore {
    return new RecordStore(openServiceDatabase(path));
  }

  /** The newest seq in the log; 0 when empty. */
  headSeq(): number {
    return this.#statements.head.get()?.seq ?? 0;
  }

  /** Records known to the service, deleted ones (tombstones) included. */
  recordCount(): number {
    return this.#statements.recordCount.get()?.count ?? 0;
  }

  get(entity: EntityName, id: string): CurrentRecord | null {
    const row = this.#statements.current.get(entity, id);
    if (!row) return null;
    return {
      version: row.version,
      seq: row.seq,
      deleted: row.op === 'delete',
      data: row.data === null ? null : (JSON.parse(row.data) as unknown),
    };
  }

  /** Writes a record's new state (checked against its schema) as its next version. */
  upsert<E extends EntityName>(entity: E, record: EntityRecord<E>): Written {
    const valid = entitySchemas[entity].parse(record) as EntityRecord<E>;
    return this.transaction(() => this.#write(entity, valid.id, 'upsert', JSON.stringify(valid)));
  }

  /** Deletes a record, leaving a tombstone in the feed; null when there was nothing to delete. */
  remove(entity: EntityName, id: string): Written | null {
    return this.transaction(() => {
      const current = this.get(entity, id);
      return current && !current.deleted ? this.#write(entity, id, 'delete', null) : null;
    });
  }

  /**
   * Loads many records in one transaction, trusting them to match their schemas (the generator's
   * output is schema-tested). Into an empty store every record is new, so the version lookup is
   * skipped, and an id given twice fails the whole load rather than being counted twice.
   */
  load(records: Iterable<GeneratedRecord>): number {
    const fresh = this.recordCount() === 0;
    const cacheSize = this.#db.pragma('cache_size', { simple: true }) as number;
    // A large page cache keeps the index pages in memory: it halves the time of a large load.
    this.#db.pragma('cache_size = -131072');
    try {
      const count = this.transaction(() => {
        let written = 0;
        for (const { entity, record } of records) {
          const data = JSON.stringify(record);
          if (fresh) {
            const seq = Number(
              this.#statements.append.run(entity, record.id, 'upsert', 1, data).lastInsertRowid,
            );
            this.#statements.insertCurrent.run(entity, record.id, 1, seq);
            this.#uncommittedAppend = true;
          } else {
            this.#write(entity, record.id, 'upsert', data);
          }
          written += 1;
        }
        return written;
      });
      // Fold the load into the database file now, rather than stalling the next commit with it.
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
      return count;
    } finally {
      this.#db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  /** Runs `work` in one transaction and wakes the feed's long-polls once it has committed. */
  transaction<T>(work: () => T): T {
    const result = this.#db.transaction(work)();
    if (!this.#db.inTransaction && this.#uncommittedAppend) {
      this.#uncommittedAppend = false;
      this.#appended.notify();
    }
    return result;
  }

  /** Up to `limit` changes after `after`: the log, or with `compacted` each record's newest change only. */
  page(after: number, limit: number, compacted: boolean): ChangeRow[] {
    return this.#pageRows(after, limit, compacted).map(([seq, entity, recordId, op, version, data]) => ({
      seq,
      entity,
      recordId,
      op,
      version,
      data,
    }));
  }

  /**
   * The same page as the feed's change lines (NDJSON, UTF-8), with how many there are and the seq
   * of the last: the feed's hot path, with each line made by SQLite (changeLineSql), not by
   * JavaScript.
   */
  pageText(
    after: number,
    limit: number,
    compacted: boolean,
  ): { text: Buffer; count: number; lastSeq: number } {
    const statement = compacted ? this.#statements.compactedLines : this.#statements.logLines;
    const [count, lastSeq, text] = statement.get(after, limit) as [number, number | null, Buffer | null];
    return { text: text ?? Buffer.alloc(0), count, lastSeq: lastSeq ?? after };
  }

  /** A page's rows as arrays, in changeColumns order: one call, no object per row. */
  #pageRows(after: number, limit: number, compacted: boolean): PageRow[] {
    const statement = compacted ? this.#statements.compactedPage : this.#statements.logPage;
    return statement.all(after, limit) as PageRow[];
  }

  /** Whether anything was written after `seq` (the compacted view ends where the log ends). */
  hasChangesAfter(seq: number): boolean {
    return this.#statements.logHasAfter.get(seq) !== undefined;
  }

  /** Waits for the next committed change; false when `timeoutMs` passed or `signal` aborted first. */
  waitForAppend(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return this.#appended.wait(timeoutMs, signal);
  }

  get waitingForAppend(): number {
    return this.#appended.waiting;
  }

  /** The first answer given to a mutation id, if it was seen before. */
  rememberedMutation(id: string): MutationResult | null {
    const row = this.#statements.mutation.get(id);
    return row ? (JSON.parse(row.result) as MutationResult) : null;
  }

  rememberMutation(result: MutationResult, receivedAt: Date): void {
    this.#statements.rememberMutation.run(
      result.id,
      result.outcome,
      JSON.stringify(result),
      receivedAt.toISOString(),
    );
  }

  mutationCount(): number {
    return this.#statements.mutationCount.get()?.count ?? 0;
  }

  /** Every live (not deleted) record, by entity then id: what a synced workstation must hold. */
  liveRecords(): IterableIterator<LiveRecord> {
    return this.#statements.live.iterate();
  }

  /** Keeps delivered audit events once each, keyed by hash; a resent event is a duplicate. */
  storeAuditEvents(events: readonly AuditEventUpload[], receivedAt: Date): AuditReply['results'] {
    const at = receivedAt.toISOString();
    return this.transaction(() =>
      events.map((event) => {
        const { changes } = this.#statements.storeAudit.run(
          event.hash,
          event.workstation,
          event.seq,
          event.at,
          event.source,
          event.actor,
          event.action,
          event.target,
          event.outcome,
          JSON.stringify(event.details),
          event.prevHash,
          at,
        );
        return { hash: event.hash, outcome: changes === 1 ? ('stored' as const) : ('duplicate' as const) };
      }),
    );
  }

  auditEventCount(): number {
    return this.#statements.auditCount.get()?.count ?? 0;
  }

  /** A workstation's delivered audit events in its order (for tests and the demo). */
  auditEventsOf(workstation: string): { seq: number; action: string; hash: string }[] {
    return this.#statements.auditOf.all(workstation);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #write(entity: EntityName, id: string, op: ChangeRow['op'], data: string | null): Written {
    const version = (this.#statements.currentVersion.get(entity, id)?.version ?? 0) + 1;
    const seq = Number(this.#statements.append.run(entity, id, op, version, data).lastInsertRowid);
    this.#statements.setCurrent.run(entity, id, version, seq);
    this.#uncommittedAppend = true;
    return { seq, version };
  }
}
