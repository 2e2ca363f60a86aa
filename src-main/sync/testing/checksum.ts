// Test support: a canonical checksum of every synced table, so a test can say "the cache holds
// exactly what the service holds" in one comparison. Rows are hashed as canonical JSON of the
// record and its version, in id order, per table; the service side hashes its live records the
// same way (records-peer.ts).
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { entitySchemas } from '../../../src-shared/domain/records';
import type { EntityName } from '../../../src-shared/domain/records';
import { canonicalJson } from '../../audit/canonical-json';
import { entityTables, recordFromRow } from '../../store/entity-rows';

export type TableChecksums = Record<EntityName, { readonly rows: number; readonly sha256: string }>;

export interface ChecksumRow {
  readonly entity: EntityName;
  readonly id: string;
  readonly version: number;
  readonly record: unknown;
}

const entities = Object.keys(entitySchemas) as EntityName[];

/** Rows must come in id order within each entity (both sides read them with `order by id`). */
export function checksumOf(rows: Iterable<ChecksumRow>): TableChecksums {
  const hashes = new Map(entities.map((entity) => [entity, { hash: createHash('sha256'), rows: 0 }]));
  for (const row of rows) {
    const table = hashes.get(row.entity)!;
    table.hash.update(`${canonicalJson({ id: row.id, version: row.version, record: row.record })}\n`);
    table.rows += 1;
  }
  return Object.fromEntries(
    entities.map((entity) => {
      const table = hashes.get(entity)!;
      return [entity, { rows: table.rows, sha256: table.hash.digest('hex') }];
    }),
  ) as TableChecksums;
}

export function cacheChecksums(sqlite: BetterSqlite3.Database): TableChecksums {
  return checksumOf(
    (function* () {
      for (const entity of entities) {
        const rows = sqlite
          .prepare(`select * from ${entityTables[entity]} order by id`)
          .iterate() as IterableIterator<Record<string, unknown>>;
        for (const row of rows) {
          yield {
            entity,
            id: String(row.id),
            version: Number(row.version),
            record: recordFromRow(entity, row),
          };
        }
      }
    })(),
  );
}
