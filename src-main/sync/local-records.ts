// The cache's synced records as whole records, for the outbox's optimistic changes and their
// rollback: read by id through the record's schema, written back as they are, version included.
// Callers hold the transaction; nothing here starts one.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { EntityName, EntityRecord } from '../../src-shared/domain/records';
import { entityTables, prepareUpsert, recordFromRow } from '../store/entity-rows';

export interface CachedRecord<E extends EntityName> {
  readonly record: EntityRecord<E>;
  readonly version: number;
}

export interface LocalRecords {
  get<E extends EntityName>(entity: E, id: string): CachedRecord<E> | null;
  /** Writes the record with this version, replacing whatever the cache held. */
  put<E extends EntityName>(entity: E, record: EntityRecord<E>, version: number): void;
}

export function localRecords(sqlite: BetterSqlite3.Database): LocalRecords {
  const readers = new Map<EntityName, BetterSqlite3.Statement<[string], Record<string, unknown>>>();
  const writers = new Map<EntityName, (record: never, version: number) => void>();
  return {
    get(entity, id) {
      let reader = readers.get(entity);
      if (!reader) {
        reader = sqlite.prepare<[string], Record<string, unknown>>(
          `select * from ${entityTables[entity]} where id = ?`,
        );
        readers.set(entity, reader);
      }
      const row = reader.get(id);
      if (!row) return null;
      return { record: recordFromRow(entity, row), version: Number(row.version) };
    },
    put(entity, record, version) {
      let writer = writers.get(entity);
      if (!writer) {
        writer = prepareUpsert(sqlite, entity) as (record: never, version: number) => void;
        writers.set(entity, writer);
      }
      writer(record as never, version);
    },
  };
}
