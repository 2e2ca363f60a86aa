// Every query a screen makes is served by an index, not a scan of the table (as Signal checks
// its migrations' queries). The queries here are the ones the screens will run.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from './open-cache';
import type { Cache } from './open-cache';
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

function plan(query: string): string {
  return (cache.sqlite.prepare(`explain query plan ${query}`).all() as { detail: string }[])
    .map((row) => row.detail)
    .join(' | ');
}

const screens: Record<string, [query: string, index: string]> = {
  'visit queue: pending requests by slot': [
    "select * from visit_request where status = 'pending' order by slot_start limit 50",
    'visit_request_queue',
  ],
  "an inmate's visit requests": [
    "select * from visit_request where inmate_id = 'x' order by slot_start",
    'visit_request_by_inmate',
  ],
  "a visitor's visit requests": [
    "select * from visit_request where visitor_id = 'x' order by slot_start",
    'visit_request_by_visitor',
  ],
  'contact queue: pending requests': [
    "select * from contact_request where status = 'pending' order by requested_at limit 50",
    'contact_request_queue',
  ],
  "an inmate's contact requests": [
    "select * from contact_request where inmate_id = 'x'",
    'contact_request_by_inmate',
  ],
  "an inmate's contact list": [
    "select * from approved_contact where inmate_id = 'x'",
    'approved_contact_by_inmate',
  ],
  'is this visitor approved for this inmate': [
    "select 1 from approved_contact where inmate_id = 'x' and visitor_id = 'y' and status = 'approved'",
    'approved_contact_by_inmate',
  ],
  "a visitor's inmates": [
    "select * from approved_contact where visitor_id = 'y'",
    'approved_contact_by_visitor',
  ],
  "the day's visits": [
    "select * from visit where slot_start >= '2026-03-01' and slot_start < '2026-03-02' order by slot_start",
    'visit_by_slot',
  ],
  "an inmate's visits": [
    "select * from visit where inmate_id = 'x' order by slot_start desc",
    'visit_by_inmate',
  ],
  "a visitor's visits (overlap check)": [
    "select * from visit where visitor_id = 'y' and slot_start < '2026-03-02' order by slot_start",
    'visit_by_visitor',
  ],
  'the inmates of a housing unit': [
    "select * from inmate where housing_unit_id = 'hu' order by last_name, first_name",
    'inmate_by_housing_unit',
  ],
  'inmate search: a booking number being typed': [
    "select * from inmate where booking_number >= '2026-00' and booking_number < '2026-00' || ':' order by booking_number limit 25",
    'inmate_by_booking_number',
  ],
  'an inmate by booking number': [
    "select * from inmate where booking_number = '2026-000001'",
    'inmate_by_booking_number',
  ],
  'visitors by name': ["select * from visitor where last_name = 'x' order by first_name", 'visitor_by_name'],
  'staff by role': ["select * from staff where role = 'officer' order by display_name", 'staff_by_role'],
  'pending outbox, oldest first': [
    "select * from outbox where status = 'pending' order by seq limit 100",
    'outbox_by_status',
  ],
  'decisions waiting for a record': [
    "select * from outbox where entity = 'visitRequest' and record_id = 'vr-1'",
    'outbox_by_record',
  ],
  'audit by actor, newest first': [
    "select * from audit where actor = 'officer1' order by seq desc limit 100",
    'audit_by_actor',
  ],
  'audit by action': [
    "select * from audit where action = 'inmate.read' order by seq desc limit 100",
    'audit_by_action',
  ],
  'audit by subject': [
    "select * from audit where target = 'inmate:x' order by seq desc limit 100",
    'audit_by_target',
  ],
};

describe('screen queries', () => {
  for (const [screen, [query, index]] of Object.entries(screens)) {
    it(`${screen} uses ${index}`, () => {
      const detail = plan(query);
      expect(detail).toContain(`INDEX ${index}`);
      expect(detail).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    });
  }
});
