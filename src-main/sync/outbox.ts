// The outbox: mutations made on this workstation, oldest first, each with the id the records
// service uses to apply it once. An entry leaves only with an answer: 'applied' or 'duplicate'
// delete it; 'conflict' and 'rejected' keep it as a notice for the officer until dismissed.
// Every method runs inside the caller's transaction (see sync-engine.ts).
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Selectable } from 'kysely';
import type { OutboxTable } from '../store/schema';
import { Mutation } from '../../src-shared/protocol/mutations';
import type { LocalRecords } from './local-records';
import { behaviourOf } from './mutation-kinds';
import type { Refusal } from './mutation-kinds';

export interface PendingEntry {
  readonly seq: number;
  readonly mutation: Mutation;
  readonly before: unknown;
}

/** A refused mutation waiting for the officer to read it. */
export interface SyncNotice {
  /** The mutation's id. */
  readonly id: string;
  readonly kind: string;
  readonly entity: string;
  readonly recordId: string;
  /** Who made the refused change on this workstation. */
  readonly actor: string;
  readonly madeAt: string;
  readonly outcome: 'conflict' | 'rejected';
  /** What to tell the officer, in words. */
  readonly message: string;
  /** For a conflict: who decided first, and when (null when the service's record does not say). */
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly answeredAt: string | null;
}

type OutboxRow = Pick<
  Selectable<OutboxTable>,
  | 'seq'
  | 'id'
  | 'kind'
  | 'entity'
  | 'record_id'
  | 'actor'
  | 'mutation'
  | 'created_at'
  | 'status'
  | 'result'
  | 'before'
  | 'answered_at'
>;

export class Outbox {
  readonly #statements;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#statements = {
      insert: sqlite.prepare(
        `insert into outbox (id, kind, entity, record_id, actor, mutation, created_at, status, before)
         values (@id, @kind, @entity, @recordId, @actor, @mutation, @createdAt, 'pending', @before)`,
      ),
      pending: sqlite.prepare<[number], OutboxRow>(
        `select * from outbox where status = 'pending' order by seq limit ?`,
      ),
      countPending: sqlite.prepare<[], { count: number }>(
        `select count(*) as count from outbox where status = 'pending'`,
      ),
      countNotices: sqlite.prepare<[], { count: number }>(
        `select count(*) as count from outbox where status in ('conflict', 'rejected')`,
      ),
      notices: sqlite.prepare<[], OutboxRow>(
        `select * from outbox where status in ('conflict', 'rejected') order by seq`,
      ),
      attempted: sqlite.prepare<[string, string | null, string]>(
        `update outbox set attempts = attempts + 1, last_attempt_at = ?, last_error = ? where id = ? and status = 'pending'`,
      ),
      done: sqlite.prepare<[string]>(`delete from outbox where id = ? and status = 'pending'`),
      refused: sqlite.prepare<[string, string, string, string]>(
        `update outbox set status = ?, result = ?, answered_at = ?, last_error = null where id = ? and status = 'pending'`,
      ),
      dismiss: sqlite.prepare<[string]>(
        `delete from outbox where id = ? and status in ('conflict', 'rejected')`,
      ),
    };
  }

  /** Queues a mutation with the record as it was before its optimistic change. */
  add(mutation: Mutation, before: unknown, now: Date): void {
    const target = behaviourOf(mutation).target(mutation);
    this.#statements.insert.run({
      id: mutation.id,
      kind: mutation.kind,
      entity: target.entity,
      recordId: target.recordId,
      actor: mutation.actor,
      mutation: JSON.stringify(mutation),
      createdAt: now.toISOString(),
      before: before === null || before === undefined ? null : JSON.stringify(before),
    });
  }

  /** The oldest pending entries, in the order they were made. */
  pending(limit: number): PendingEntry[] {
    return this.#statements.pending.all(limit).map((row) => ({
      seq: row.seq,
      // Written by this app from a checked Mutation; parsed again so a damaged row fails loudly.
      mutation: Mutation.parse(JSON.parse(row.mutation)),
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    }));
  }

  countPending(): number {
    return this.#statements.countPending.get()?.count ?? 0;
  }

  countNotices(): number {
    return this.#statements.countNotices.get()?.count ?? 0;
  }

  attempted(ids: readonly string[], at: Date, error: string | null): void {
    for (const id of ids) this.#statements.attempted.run(at.toISOString(), error, id);
  }

  /** 'applied' or 'duplicate' of an applied mutation: the entry is done. */
  done(id: string): void {
    this.#statements.done.run(id);
  }

  /** 'conflict' or 'rejected': the cache is rolled back and the entry becomes a notice. */
  refused(entry: PendingEntry, refusal: Refusal, records: LocalRecords, at: Date): SyncNotice {
    const behaviour = behaviourOf(entry.mutation);
    behaviour.rollBack(records, entry.mutation, refusal, entry.before);
    const words = behaviour.describe(entry.mutation, refusal);
    this.#statements.refused.run(
      refusal.outcome,
      JSON.stringify({ ...refusal, ...words }),
      at.toISOString(),
      entry.mutation.id,
    );
    return this.#notice(entry.mutation, refusal.outcome, words, at.toISOString());
  }

  /** Puts every pending optimistic change back on top of what the feed just wrote. */
  reapplyPending(records: LocalRecords): void {
    if (this.countPending() === 0) return;
    for (const entry of this.pending(10_000)) behaviourOf(entry.mutation).reapply(records, entry.mutation);
  }

  notices(): SyncNotice[] {
    return this.#statements.notices.all().map((row) => {
      const mutation = Mutation.parse(JSON.parse(row.mutation));
      const saved = JSON.parse(row.result ?? '{}') as Partial<{
        message: string;
        decidedBy: string | null;
        decidedAt: string | null;
      }>;
      return this.#notice(
        mutation,
        row.status === 'conflict' ? 'conflict' : 'rejected',
        {
          message: saved.message ?? 'The records service did not take this change.',
          decidedBy: saved.decidedBy ?? null,
          decidedAt: saved.decidedAt ?? null,
        },
        row.answered_at,
      );
    });
  }

  /** The officer has read the notice. */
  dismiss(id: string): boolean {
    return this.#statements.dismiss.run(id).changes === 1;
  }

  #notice(
    mutation: Mutation,
    outcome: 'conflict' | 'rejected',
    words: { message: string; decidedBy: string | null; decidedAt: string | null },
    answeredAt: string | null,
  ): SyncNotice {
    const target = behaviourOf(mutation).target(mutation);
    return {
      id: mutation.id,
      kind: mutation.kind,
      entity: target.entity,
      recordId: target.recordId,
      actor: mutation.actor,
      madeAt: mutation.madeAt,
      outcome,
      ...words,
      answeredAt,
    };
  }
}
