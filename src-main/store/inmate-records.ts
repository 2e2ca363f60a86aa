// The Inmates screen's reads: search hits and one inmate's record with housing, approved contacts
// and upcoming and recent visits, as the contract's shapes.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { InmateDetail, InmateSummary, VisitLine } from '../../src-shared/contract';
import { InmateStatus, Relationship, Restriction, VisitKind } from '../../src-shared/domain/records';
import { z } from 'zod';
import type { InmateSearch } from './inmate-search';
import type { Database } from './schema';

const VISITS_SHOWN = 20;
const Restrictions = z.array(Restriction);
const ContactStatus = z.enum(['approved', 'suspended', 'revoked']);

export interface InmateRecords {
  search(query: string): InmateSummary[];
  /** Null when no inmate has that id in the cache. */
  get(id: string, now: Date): Promise<InmateDetail | null>;
}

export function createInmateRecords(db: Kysely<Database>, search: InmateSearch): InmateRecords {
  async function visits(inmateId: string, now: string, upcoming: boolean): Promise<VisitLine[]> {
    const rows = await db
      .selectFrom('visit as v')
      .leftJoin('visitor as p', 'p.id', 'v.visitor_id')
      .select(['v.id', 'v.slot_start', 'v.slot_end', 'v.kind', 'v.outcome', 'p.first_name', 'p.last_name'])
      .where('v.inmate_id', '=', inmateId)
      .where('v.slot_start', upcoming ? '>=' : '<', now)
      .orderBy('v.slot_start', upcoming ? 'asc' : 'desc')
      .limit(VISITS_SHOWN)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      slotStart: row.slot_start,
      slotEnd: row.slot_end,
      kind: VisitKind.catch('contact').parse(row.kind),
      visitorName:
        row.first_name === null ? 'Unknown visitor' : `${row.first_name} ${row.last_name ?? ''}`.trim(),
      outcome: row.outcome,
    }));
  }

  return {
    search(query) {
      return search.search(query).map((hit) => ({
        id: hit.id,
        bookingNumber: hit.bookingNumber,
        firstName: hit.firstName,
        middleName: hit.middleName,
        lastName: hit.lastName,
        dateOfBirth: hit.dateOfBirth,
        status: hit.status,
        housingUnitCode: hit.housingUnitCode,
        cell: hit.cell,
        restrictions: [...hit.restrictions],
      }));
    },

    async get(id, now) {
      const inmate = await db
        .selectFrom('inmate as i')
        .leftJoin('housing_unit as h', 'h.id', 'i.housing_unit_id')
        .select([
          'i.id',
          'i.booking_number',
          'i.first_name',
          'i.middle_name',
          'i.last_name',
          'i.date_of_birth',
          'i.status',
          'i.cell',
          'i.restrictions',
          'i.booked_at',
          'i.released_at',
          'h.code as housing_code',
          'h.name as housing_name',
        ])
        .where('i.id', '=', id)
        .executeTakeFirst();
      if (inmate === undefined) return null;
      const contacts = await db
        .selectFrom('approved_contact as c')
        .leftJoin('visitor as p', 'p.id', 'c.visitor_id')
        .select(['c.id', 'c.relationship', 'c.status', 'p.first_name', 'p.last_name', 'p.banned'])
        .where('c.inmate_id', '=', id)
        .orderBy(sql`c.status = 'approved'`, 'desc')
        .orderBy('p.last_name')
        .execute();
      const at = now.toISOString();
      return {
        id: inmate.id,
        bookingNumber: inmate.booking_number,
        firstName: inmate.first_name,
        middleName: inmate.middle_name,
        lastName: inmate.last_name,
        dateOfBirth: inmate.date_of_birth,
        status: InmateStatus.catch('in-custody').parse(inmate.status),
        housingUnitCode: inmate.housing_code,
        housingUnitName: inmate.housing_name,
        cell: inmate.cell,
        restrictions: Restrictions.catch([]).parse(JSON.parse(inmate.restrictions)),
        bookedAt: inmate.booked_at,
        releasedAt: inmate.released_at,
        approvedContacts: contacts.map((c) => ({
          id: c.id,
          visitorName:
            c.first_name === null ? 'Unknown visitor' : `${c.first_name} ${c.last_name ?? ''}`.trim(),
          relationship: Relationship.catch('other').parse(c.relationship),
          status: ContactStatus.catch('suspended').parse(c.status),
          visitorBanned: c.banned === 1,
        })),
        upcomingVisits: await visits(id, at, true),
        recentVisits: await visits(id, at, false),
      };
    },
  };
}
