// Between a record as the records service sends it (src-shared/domain/records.ts) and its row in
// the cache: camelCase fields to snake_case columns, arrays to JSON text, booleans to 0/1, plus
// the feed's version. Reading back parses through the record's schema, so a bad row never leaks.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { entitySchemas } from '../../src-shared/domain/records';
import type { EntityName, EntityRecord } from '../../src-shared/domain/records';
import { compileFieldsCheck } from '../../src-shared/schema/compiled-check';
import type { Database } from './schema';

export const entityTables = {
  facility: 'facility',
  housingUnit: 'housing_unit',
  inmate: 'inmate',
  visitor: 'visitor',
  approvedContact: 'approved_contact',
  visitRequest: 'visit_request',
  visit: 'visit',
  contactRequest: 'contact_request',
  staff: 'staff',
  staffEnrolment: 'staff_enrolment',
} as const satisfies Record<EntityName, keyof Database>;

const jsonFields: Partial<Record<EntityName, readonly string[]>> = { inmate: ['restrictions'] };
const booleanFields: Partial<Record<EntityName, readonly string[]>> = {
  visitor: ['banned'],
  staff: ['active'],
};

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

interface FieldMap {
  readonly field: string;
  readonly column: string;
  readonly kind: 'plain' | 'json' | 'boolean';
}

const fieldMaps: Record<EntityName, readonly FieldMap[]> = Object.fromEntries(
  (Object.keys(entitySchemas) as EntityName[]).map((entity) => [
    entity,
    Object.keys(entitySchemas[entity].shape).map((field): FieldMap => ({
      field,
      column: snake(field),
      kind: jsonFields[entity]?.includes(field)
        ? 'json'
        : booleanFields[entity]?.includes(field)
          ? 'boolean'
          : 'plain',
    })),
  ]),
) as Record<EntityName, FieldMap[]>;

export type Row = Record<string, string | number | null>;

export function recordToRow<E extends EntityName>(entity: E, record: EntityRecord<E>, version: number): Row {
  const values = recordValues(entity, record, version);
  const row: Row = {};
  entityColumns(entity).forEach((column, at) => {
    row[column] = values[at] as string | number | null;
  });
  return row;
}

/**
 * The record's row as values in entityColumns order, with `lead` first when given (the change
 * feed puts each change's seq there): the hot path of an initial sync, with no object in between.
 */
export function recordValues<E extends EntityName>(
  entity: E,
  record: EntityRecord<E>,
  version: number,
  lead?: number,
): unknown[] {
  const source = record as Record<string, unknown>;
  const maps = fieldMaps[entity];
  const values: unknown[] = lead === undefined ? [] : [lead];
  for (let at = 0; at < maps.length; at += 1) {
    const { field, kind } = maps[at]!;
    values.push(columnValue(kind, source[field]));
  }
  values.push(version);
  return values;
}

/** A field's value as its column holds it. */
function columnValue(kind: FieldMap['kind'], value: unknown): unknown {
  switch (kind) {
    case 'json':
      return JSON.stringify(value ?? []);
    case 'boolean':
      return value ? 1 : 0;
    case 'plain':
      return value ?? null;
  }
}

/**
 * Checks `data` against the entity's schema and returns its row as recordValues does, in one
 * pass with no record object in between: the initial sync's hot path. Null when the record may
 * not fit its schema; the caller then asks the schema itself (zod), which decides and says why.
 */
export type CheckedRow = (data: unknown, version: number, lead: number) => unknown[] | null;

function checkedRow(entity: EntityName): CheckedRow {
  const kinds = fieldMaps[entity].map((map) => map.kind);
  const fields = compileFieldsCheck(entitySchemas[entity]);
  if (!fields) return () => null;
  return (data, version, lead) => {
    const values: unknown[] = [lead];
    if (!fields(data, values)) return null;
    for (let at = 0; at < kinds.length; at += 1) values[at + 1] = columnValue(kinds[at]!, values[at + 1]);
    values.push(version);
    return values;
  };
}

/** Per kind of record, its CheckedRow. */
export const checkedRows: Readonly<Record<EntityName, CheckedRow>> = Object.fromEntries(
  (Object.keys(entitySchemas) as EntityName[]).map((entity) => [entity, checkedRow(entity)]),
) as Record<EntityName, CheckedRow>;

/** The record a row holds, checked against its schema; throws a ZodError on a row that does not fit. */
export function recordFromRow<E extends EntityName>(
  entity: E,
  row: Readonly<Record<string, unknown>>,
): EntityRecord<E> {
  const record: Record<string, unknown> = {};
  for (const { field, column, kind } of fieldMaps[entity]) {
    const value = row[column];
    record[field] =
      kind === 'json' ? JSON.parse(String(value ?? '[]')) : kind === 'boolean' ? value === 1 : value;
  }
  return entitySchemas[entity].parse(record) as EntityRecord<E>;
}

export function entityColumns(entity: EntityName): readonly string[] {
  return [...fieldMaps[entity].map((map) => map.column), 'version'];
}

/**
 * A prepared insert-or-update by id for one kind of record: the hot path for applying the change
 * feed and for bulk loads. Conflicts update in place (the inmate keeps its search rowid).
 */
export function prepareUpsert<E extends EntityName>(
  sqlite: BetterSqlite3.Database,
  entity: E,
): (record: EntityRecord<E>, version: number) => void {
  const columns = entityColumns(entity);
  const statement = sqlite.prepare(
    `insert into ${entityTables[entity]} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})
     on conflict (id) do update set ${columns
       .filter((c) => c !== 'id')
       .map((c) => `${c} = excluded.${c}`)
       .join(', ')}`,
  );
  return (record, version) => {
    statement.run(recordValues(entity, record, version));
  };
}
