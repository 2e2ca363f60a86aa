// Writes a checked page of the change feed into the cache: every upsert, tombstone and
// quarantined line, and the new cursor, in one transaction with prepared statements. A row only
// ever moves forward in version, so a page applied twice changes nothing the second time.
// A segment of upserts is first inserted in one statement that reads its rows from the segment's
// JSON (jsonb_each): in an initial sync every row is new and that is all. When some rows were
// already there (an update, a repeat) or one clashes on a unique column, that statement is
// undone and the segment is applied row by row in feed order, which compares versions, updates
// what is newer and quarantines a clash.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { EntityName } from '../../src-shared/domain/records';
import { entityColumns, entityTables } from '../store/entity-rows';
import { segmentRows } from './feed-page';
import type { QuarantinedLine, StagedPage, StagedSegment } from './feed-page';
import { readSyncState } from './sync-state';
import type { SyncState } from './sync-state';

export interface PageResult {
  /** False when the cursor was moved under the page (a reset): nothing was written. */
  readonly written: boolean;
  /** Rows inserted, updated or deleted. */
  readonly applied: number;
  readonly quarantined: number;
  /** The state after the page. */
  readonly state: SyncState;
}

/** How one kind of record is written: insert, or update only the columns that changed. */
class EntityWriter {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #table: string;
  readonly #columns: readonly string[];
  readonly #versionAt: number;
  readonly #idAt: number;
  readonly #insert: BetterSqlite3.Statement<unknown[]>;
  readonly #insertSegment: BetterSqlite3.Statement<[string, number]>;
  readonly #current: BetterSqlite3.Statement<[string]>;
  readonly #remove: BetterSqlite3.Statement<[string, number]>;
  readonly #updates = new Map<string, BetterSqlite3.Statement<unknown[]>>();

  constructor(sqlite: BetterSqlite3.Database, entity: EntityName) {
    this.#sqlite = sqlite;
    this.#table = entityTables[entity];
    this.#columns = entityColumns(entity);
    this.#versionAt = this.#columns.indexOf('version');
    this.#idAt = this.#columns.indexOf('id');
    this.#insert = sqlite.prepare(
      `insert into ${this.#table} (${this.#columns.join(', ')}) values (${this.#columns.map(() => '?').join(', ')})
       on conflict (id) do nothing`,
    );
    // `where` is required before `on conflict` in an INSERT … SELECT; it also skips rows at or
    // below the cursor. Element 0 of each row is its seq, the values follow in column order.
    this.#insertSegment = sqlite.prepare<[string, number]>(
      `insert into ${this.#table} (${this.#columns.join(', ')})
       select ${this.#columns.map((_, at) => `value ->> ${at + 1}`).join(', ')} from jsonb_each(?)
       where (value ->> 0) > ?
       on conflict (id) do nothing`,
    );
    this.#current = sqlite
      .prepare<[string]>(`select ${this.#columns.join(', ')} from ${this.#table} where id = ?`)
      .raw();
    this.#remove = sqlite.prepare<[string, number]>(
      `delete from ${this.#table} where id = ? and version < ?`,
    );
  }

  /**
   * Writes the row unless the cache holds this version or a newer one; returns rows changed.
   * An update sets only the columns whose values differ: setting an indexed column, even to
   * the value it had, rewrites its index entry, and a page of such rewrites spread over an
   * index costs a page write each at commit.
   */
  upsert(values: readonly unknown[]): number {
    if (this.#insert.run(values).changes === 1) return 1;
    const current = this.#current.get(values[this.#idAt] as string) as unknown[] | undefined;
    if (!current) return 0;
    const version = values[this.#versionAt] as number;
    if ((current[this.#versionAt] as number) >= version) return 0;
    const changed: number[] = [];
    for (let at = 0; at < values.length; at += 1) {
      if (at !== this.#idAt && at !== this.#versionAt && current[at] !== values[at]) changed.push(at);
    }
    const update = this.#update(changed);
    return update.run([...changed.map((at) => values[at]), version, values[this.#idAt], version]).changes;
  }

  /**
   * Inserts the segment's rows after the cursor that are not in the cache yet, in one statement;
   * returns how many. A clash on a unique column undoes the statement: 0.
   */
  insertSegment(rows: string, after: number): number {
    try {
      return this.#insertSegment.run(rows, after).changes;
    } catch (error) {
      if (isConstraintError(error)) return 0;
      throw error;
    }
  }

  get idAt(): number {
    return this.#idAt;
  }

  get versionAt(): number {
    return this.#versionAt;
  }

  remove(id: string, version: number): number {
    return this.#remove.run(id, version).changes;
  }

  #update(changed: readonly number[]): BetterSqlite3.Statement<unknown[]> {
    const key = changed.join(',');
    let statement = this.#updates.get(key);
    if (!statement) {
      const sets = [...changed.map((at) => `${this.#columns[at]} = ?`), 'version = ?'].join(', ');
      statement = this.#sqlite.prepare(`update ${this.#table} set ${sets} where id = ? and version < ?`);
      this.#updates.set(key, statement);
    }
    return statement;
  }
}

export class FeedWriter {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #clock: () => Date;
  readonly #entities: Record<EntityName, EntityWriter>;
  readonly #quarantine: BetterSqlite3.Statement;
  readonly #saveState: BetterSqlite3.Statement;
  readonly #applyPage: (page: StagedPage, afterApply: () => void) => PageResult;

  constructor(sqlite: BetterSqlite3.Database, clock: () => Date) {
    this.#sqlite = sqlite;
    this.#clock = clock;
    this.#entities = Object.fromEntries(
      (Object.keys(entityTables) as EntityName[]).map((entity) => [entity, new EntityWriter(sqlite, entity)]),
    ) as Record<EntityName, EntityWriter>;
    this.#quarantine = sqlite.prepare(
      `insert into quarantine (received_at, feed_seq, entity, record_id, version, line, reason)
       values (@receivedAt, @feedSeq, @entity, @recordId, @version, @line, @reason)`,
    );
    this.#saveState = sqlite.prepare(
      `update sync_state set cursor_seq = @cursor, head_seq = @head, up_to_date = @upToDate,
         last_success_at = @now, last_error = null, initial_expected = @expected, initial_received = @received,
         initial_sync_completed_at = @completedAt
       where id = 1`,
    );
    // IMMEDIATE: the write lock is taken at BEGIN, so another process (the CLI) makes this wait
    // for busy_timeout instead of failing the commit halfway.
    const transaction = sqlite.transaction((page: StagedPage, afterApply: () => void) =>
      this.#write(page, afterApply),
    );
    this.#applyPage = (page, afterApply) => transaction.immediate(page, afterApply);
  }

  /**
   * Applies the page and moves the cursor to its checkpoint, or writes nothing. `afterApply` runs
   * inside the same transaction (the outbox puts its optimistic changes back on top).
   */
  apply(page: StagedPage, afterApply: () => void = () => undefined): PageResult {
    return this.#applyPage(page, afterApply);
  }

  /**
   * Forgets every synced record and the cursor, for a sync from zero when the service no longer
   * knows our cursor. The outbox, the quarantine and the audit trail stay.
   */
  resetForResync(): void {
    this.#sqlite
      .transaction(() => {
        for (const table of Object.values(entityTables)) this.#sqlite.prepare(`delete from ${table}`).run();
        this.#sqlite
          .prepare(
            `update sync_state set cursor_seq = 0, head_seq = null, up_to_date = 0, initial_sync_completed_at = null,
             initial_expected = null, initial_received = 0 where id = 1`,
          )
          .run();
      })
      .immediate();
  }

  #write(page: StagedPage, afterApply: () => void): PageResult {
    const before = readSyncState(this.#sqlite);
    // The cursor was reset (a resync) after this page was asked for: applying it would skip data.
    if (before.cursor < page.after) return { written: false, applied: 0, quarantined: 0, state: before };

    const now = this.#clock().toISOString();
    let applied = 0;
    const quarantined: QuarantinedLine[] = [...page.quarantined];
    for (const segment of page.segments) {
      applied += this.#writeSegment(segment, before.cursor, quarantined);
    }
    for (const line of quarantined) this.#quarantine.run({ ...line, receivedAt: now });

    const checkpoint = page.checkpoint;
    const initialRunning = before.initialCompletedAt === null;
    const startsInitial = page.after === 0 && checkpoint.expectedTotal !== null;
    const expected = startsInitial ? checkpoint.expectedTotal : before.initialExpected;
    const received = initialRunning
      ? (startsInitial ? 0 : (before.initialReceived ?? 0)) + page.lines
      : before.initialReceived;
    this.#saveState.run({
      cursor: Math.max(before.cursor, checkpoint.seq),
      head: checkpoint.headSeq,
      upToDate: checkpoint.upToDate ? 1 : 0,
      now,
      expected,
      received,
      completedAt: before.initialCompletedAt ?? (checkpoint.upToDate ? now : null),
    });
    afterApply();
    return { written: true, applied, quarantined: quarantined.length, state: readSyncState(this.#sqlite) };
  }

  /** Writes one segment's changes after the cursor; returns rows inserted, updated or deleted. */
  #writeSegment(segment: StagedSegment, cursor: number, quarantined: QuarantinedLine[]): number {
    const writer = this.#entities[segment.entity];
    if (segment.op === 'delete') {
      let removed = 0;
      for (const [seq, id, version] of segment.tombstones) {
        if (seq > cursor) removed += writer.remove(id, version);
      }
      return removed;
    }
    if (segment.lastSeq <= cursor) return 0;
    if (segment.firstSeq > cursor) {
      // All at once when every row is new (an initial sync); otherwise the statement is undone,
      // so the rows are applied in feed order: which of two records keeps a unique value, when
      // one gives it up and the other takes it, must not depend on which kind of write came first.
      this.#sqlite.exec('savepoint segment');
      const inserted = writer.insertSegment(segment.rows, cursor);
      if (inserted === segment.count) {
        this.#sqlite.exec('release segment');
        return inserted;
      }
      this.#sqlite.exec('rollback to segment');
      this.#sqlite.exec('release segment');
    }
    let applied = 0;
    for (const row of segmentRows(segment)) {
      const seq = row[0] as number;
      if (seq <= cursor) continue;
      const values = row.slice(1);
      try {
        applied += writer.upsert(values);
      } catch (error) {
        // A unique column other than id (a staff username reused by a new record): keep the
        // line for IT rather than stall the whole sync on it.
        if (!isConstraintError(error)) throw error;
        quarantined.push({
          feedSeq: seq,
          entity: segment.entity,
          recordId: String(values[writer.idAt]),
          version: values[writer.versionAt] as number,
          line: JSON.stringify({ seq, entity: segment.entity, id: values[writer.idAt], row: values }).slice(
            0,
            4000,
          ),
          reason: `the ${segment.entity} record clashes with another record in the cache (${(error as Error).message})`,
        });
      }
    }
    return applied;
  }
}

function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
