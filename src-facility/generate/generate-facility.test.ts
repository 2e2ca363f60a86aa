import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entitySchemas } from '../../src-shared/domain/records';
import type { EntityName, EntityRecord } from '../../src-shared/domain/records';
import { describeIssues } from '../../src-shared/policy/describe-issues';
import { entityOrder, generateFacility } from './generate-facility';
import type { FacilityDataset } from './generate-facility';
import { visitingHours } from './visiting-hours';

const today = '2026-03-02';

function digestOf(dataset: FacilityDataset): string {
  const hash = createHash('sha256');
  for (const record of dataset.all()) hash.update(JSON.stringify(record));
  return hash.digest('hex');
}

function byId<E extends EntityName>(dataset: FacilityDataset, entity: E): Map<string, EntityRecord<E>> {
  return new Map([...dataset.records(entity)].map((record) => [record.id, record]));
}

/** Minutes after local midnight of a slot written like 2026-03-02T09:30:00-06:00. */
function localMinute(slot: string): number {
  return Number(slot.slice(11, 13)) * 60 + Number(slot.slice(14, 16));
}

describe('generateFacility', () => {
  it.each(['small', 'medium'] as const)('makes only records that pass their schema (%s)', (size) => {
    const failures: string[] = [];
    for (const { entity, record } of generateFacility({ size, seed: 7, today }).all()) {
      const result = entitySchemas[entity].safeParse(record);
      if (!result.success && failures.length < 5) {
        failures.push(`${entity} ${JSON.stringify(record)}: ${describeIssues(result.error).join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('makes the same data from the same seed and day, and other data from another seed', () => {
    const first = digestOf(generateFacility({ size: 'medium', seed: 42, today }));
    expect(digestOf(generateFacility({ size: 'medium', seed: 42, today }))).toBe(first);
    expect(digestOf(generateFacility({ size: 'medium', seed: 43, today }))).not.toBe(first);
    const small = generateFacility({ size: 'small', seed: 42, today });
    expect([...small.records('inmate')]).toEqual([
      ...generateFacility({ size: 'small', seed: 42, today }).records('inmate'),
    ]);
  });

  it('makes the small facility with one housing unit of about sixty inmates', () => {
    const small = generateFacility({ size: 'small', seed: 1, today });
    expect([...small.records('facility')]).toHaveLength(1);
    expect([...small.records('housingUnit')]).toHaveLength(1);
    expect([...small.records('inmate')]).toHaveLength(60);
    expect(small.staff.map((member) => member.username)).toEqual(
      expect.arrayContaining(['officer.demo', 'supervisor.demo', 'admin.demo']),
    );
  });

  it('makes the large facility at the sizes the stress tests need', () => {
    const large = generateFacility({ size: 'large', seed: 1, today });
    const count = (entity: EntityName) => {
      let records = 0;
      for (const _ of large.records(entity)) records += 1;
      return records;
    };
    expect(count('inmate')).toBe(20_000);
    expect(count('approvedContact')).toBe(150_000);
    const requestsAndVisits = count('visitRequest') + count('visit') + count('contactRequest');
    expect(requestsAndVisits).toBeGreaterThan(285_000);
    expect(requestsAndVisits).toBeLessThan(315_000);
  });

  it('rejects a day that is not a date', () => {
    expect(() => generateFacility({ size: 'small', seed: 1, today: 'yesterday' })).toThrow(/2026-03-02/);
  });

  describe('a medium facility', () => {
    const dataset = generateFacility({ size: 'medium', seed: 3, today });
    const units = byId(dataset, 'housingUnit');
    const inmates = byId(dataset, 'inmate');
    const visitors = byId(dataset, 'visitor');
    const requests = byId(dataset, 'visitRequest');
    const staff = new Set(dataset.staff.map((member) => member.username));

    it('gives every record of a kind its own id', () => {
      for (const entity of entityOrder) {
        const ids = [...dataset.records(entity)].map((record) => record.id);
        expect(new Set(ids).size, entity).toBe(ids.length);
      }
    });

    it('books inmates with unique booking numbers of their booking year, most of them in custody', () => {
      const all = [...inmates.values()];
      expect(new Set(all.map((inmate) => inmate.bookingNumber)).size).toBe(all.length);
      for (const inmate of all) expect(inmate.bookingNumber.slice(0, 4)).toBe(inmate.bookedAt.slice(0, 4));
      const share = (predicate: (inmate: (typeof all)[number]) => boolean) =>
        all.filter(predicate).length / all.length;
      expect(share((inmate) => inmate.status === 'in-custody')).toBeGreaterThan(0.75);
      for (const status of ['court', 'hospital', 'released'] as const) {
        expect(
          share((inmate) => inmate.status === status),
          status,
        ).toBeGreaterThan(0);
      }
      const restricted = share((inmate) => inmate.restrictions.length > 0);
      expect(restricted).toBeGreaterThan(0.05);
      expect(restricted).toBeLessThan(0.25);
    });

    it('houses held inmates in existing units, one inmate per bed, and released ones nowhere', () => {
      const beds = new Set<string>();
      for (const inmate of inmates.values()) {
        if (inmate.status === 'released' || inmate.status === 'transferred') {
          expect(inmate.housingUnitId).toBeNull();
          expect(inmate.releasedAt).not.toBeNull();
          continue;
        }
        expect(units.has(inmate.housingUnitId ?? '')).toBe(true);
        const bed = `${inmate.housingUnitId}/${inmate.cell}`;
        expect(beds.has(bed), bed).toBe(false);
        beds.add(bed);
      }
      expect([...units.values()].map((unit) => unit.code)).toEqual(
        expect.arrayContaining(['SEG', 'MED', 'INT']),
      );
    });

    it('points every reference at a record that exists', () => {
      const dangling: string[] = [];
      for (const entity of ['approvedContact', 'contactRequest', 'visitRequest', 'visit'] as const) {
        for (const record of dataset.records(entity)) {
          if (!inmates.has(record.inmateId) || !visitors.has(record.visitorId))
            dangling.push(`${entity} ${record.id}`);
        }
      }
      for (const visit of dataset.records('visit')) {
        if (requests.get(visit.requestId ?? '')?.status !== 'approved') dangling.push(`visit ${visit.id}`);
      }
      expect(dangling).toEqual([]);
    });

    it('puts visit slots on the half hour within visiting hours', () => {
      for (const request of requests.values()) {
        const start = localMinute(request.slotStart);
        const end = localMinute(request.slotEnd);
        expect(start % 30).toBe(0);
        const { sessions, minutes } = visitingHours[request.kind];
        expect(end - start).toBe(minutes);
        expect(sessions.some(([open, close]) => start >= open && end <= close)).toBe(true);
      }
    });

    it('leaves pending requests for the coming days only, from visitors who are not banned', () => {
      const pending = [...requests.values()].filter((request) => request.status === 'pending');
      expect(pending.length).toBeGreaterThan(requests.size * 0.1);
      for (const request of pending) {
        expect(request.slotStart.slice(0, 10) > today).toBe(true);
        expect(request.decidedBy).toBeNull();
        expect(visitors.get(request.visitorId)?.banned).toBe(false);
      }
      const decided = [...requests.values()].filter((request) => request.status !== 'pending');
      for (const request of decided) expect(staff.has(request.decidedBy ?? '')).toBe(true);
      expect([...dataset.records('contactRequest')].some((request) => request.status === 'pending')).toBe(
        true,
      );
    });
  });
});
