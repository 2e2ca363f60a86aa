import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName, EntityRecord } from '../../src-shared/domain/records';
import { entitySchemas } from '../../src-shared/domain/records';
import {
  checkedRows,
  entityTables,
  prepareUpsert,
  recordFromRow,
  recordToRow,
  recordValues,
} from './entity-rows';
import { openCache } from './open-cache';
import type { Cache } from './open-cache';
import { aFacility, aHousingUnit, anInmate, aVisit, aVisitor, aVisitRequest } from './testing/sample-records';
import { makeTempDir } from './testing/temp-dir';

const dir = makeTempDir();
let cache: Cache;
beforeAll(async () => {
  cache = await openCache({ file: dir.file('cache.sqlite'), key: randomBytes(32) });
});
afterAll(async () => {
  await cache.close();
  dir.remove();
});

const samples: { [E in EntityName]: EntityRecord<E> } = {
  facility: aFacility(),
  housingUnit: aHousingUnit(),
  inmate: anInmate({ restrictions: ['no-contact-visits', 'keep-separate'], middleName: 'Q' }),
  visitor: aVisitor({ banned: true }),
  approvedContact: {
    id: 'ac-1',
    inmateId: 'inm-1',
    visitorId: 'vis-1',
    relationship: 'sibling',
    approvedBy: 'super1',
    approvedAt: '2026-01-02T03:04:05.000Z',
    status: 'approved',
  },
  visitRequest: aVisitRequest(),
  visit: aVisit(),
  contactRequest: {
    id: 'cr-1',
    inmateId: 'inm-1',
    visitorId: 'vis-1',
    relationship: 'friend',
    requestedAt: '2026-01-02T03:04:05.000Z',
    status: 'denied',
    decidedBy: 'super1',
    decidedAt: '2026-01-03T03:04:05.000Z',
    reason: 'Not on the approved list',
  },
  staff: { id: 'st-1', username: 'officer1', displayName: 'Dana Whitfield', role: 'officer', active: true },
  staffEnrolment: {
    id: 'officer1',
    username: 'officer1',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    changedAt: '2026-11-25T06:00:00.000Z',
  },
};

describe('entity rows', () => {
  for (const entity of Object.keys(samples) as EntityName[]) {
    it(`stores and reads back a ${entity} unchanged, with its version`, () => {
      const record = samples[entity];
      prepareUpsert(cache.sqlite, entity)(record as never, 7);
      const row = cache.sqlite
        .prepare(`select * from ${entityTables[entity]} where id = ?`)
        .get(record.id) as Record<string, unknown>;
      expect(row.version).toBe(7);
      expect(recordFromRow(entity, row)).toEqual(record);
    });
  }

  it('keeps JSON and booleans in their column form', () => {
    expect(recordToRow('inmate', samples.inmate, 1)).toMatchObject({
      restrictions: '["no-contact-visits","keep-separate"]',
      booking_number: samples.inmate.bookingNumber,
    });
    expect(recordToRow('visitor', samples.visitor, 1)).toMatchObject({ banned: 1 });
  });

  it('updates in place on a newer version, keeping the inmate’s search rowid', () => {
    const upsert = prepareUpsert(cache.sqlite, 'inmate');
    const before = cache.sqlite.prepare('select pk from inmate where id = ?').get(samples.inmate.id) as {
      pk: number;
    };
    upsert({ ...samples.inmate, status: 'court' }, 8);
    const after = cache.sqlite
      .prepare('select pk, status, version from inmate where id = ?')
      .get(samples.inmate.id);
    expect(after).toEqual({ pk: before.pk, status: 'court', version: 8 });
  });

  it('refuses a row that does not fit the record schema', () => {
    const row = recordToRow('inmate', samples.inmate, 1);
    expect(() => recordFromRow('inmate', { ...row, booking_number: 'not a booking number' })).toThrow();
  });

  for (const entity of Object.keys(samples) as EntityName[]) {
    it(`makes a checked ${entity} row as zod's output makes it, lead and version included`, () => {
      const padded = { ...samples[entity] } as Record<string, unknown>;
      if ('lastName' in padded) padded.lastName = `  ${String(padded.lastName)} `;
      const expected = recordValues(entity, entitySchemas[entity].parse(padded) as never, 7, 42);
      expect(checkedRows[entity](padded, 7, 42)).toStrictEqual(expected);
    });
  }

  it('makes no checked row of a record its schema refuses', () => {
    expect(checkedRows.inmate({ ...samples.inmate, bookingNumber: '26-1' }, 1, 1)).toBeNull();
    expect(checkedRows.visitor({ ...samples.visitor, banned: 'no' }, 1, 1)).toBeNull();
    expect(checkedRows.staff(null, 1, 1)).toBeNull();
  });
});
