// Inmate search for the Inmates screen and the queues: by name, booking number or housing unit,
// prefix-tolerant (every word typed matches the start of a word), ranked. Backed by the FTS5
// index of migration 0001, which measured faster than plain indexes (see bench/store.bench.ts).
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { InmateStatus, Restriction } from '../../src-shared/domain/records';
import { z } from 'zod';

export interface InmateSearchHit {
  readonly id: string;
  readonly bookingNumber: string;
  readonly firstName: string;
  readonly middleName: string | null;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly status: InmateStatus;
  readonly housingUnitId: string | null;
  readonly housingUnitCode: string | null;
  readonly cell: string | null;
  readonly restrictions: readonly Restriction[];
}

export interface ParsedSearch {
  /** The FTS5 expression: every word a quoted prefix phrase, all required. Null: nothing to search. */
  readonly match: string | null;
  /** The words, lower-cased, for the exact-word boost. */
  readonly words: readonly string[];
  /** The whole query when it is a full booking number. */
  readonly bookingNumber: string | null;
  /** The whole query when it is the start of a booking number ("2026-00"): listed in booking order. */
  readonly bookingPrefix: string | null;
}

const MAX_QUERY_CHARS = 100;
const MAX_WORDS = 8;
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 200;

/** Turns what was typed into an FTS5 query that cannot be anything but a list of prefixes. */
export function parseSearchQuery(text: string): ParsedSearch {
  const trimmed = text.normalize('NFKC').slice(0, MAX_QUERY_CHARS).trim();
  const words = trimmed
    .split(/[\s,;]+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_WORDS);
  const match =
    words.length === 0 ? null : words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' AND ');
  return {
    match,
    words: words.map((word) => word.toLowerCase()),
    bookingNumber: /^\d{4}-\d{6}$/.test(trimmed) ? trimmed : null,
    bookingPrefix: /^\d{4}-\d{0,6}$/.test(trimmed) ? trimmed : null,
  };
}

const COLUMNS = `i.id, i.booking_number, i.first_name, i.middle_name, i.last_name, i.date_of_birth, i.status,
  i.housing_unit_id, h.code as housing_unit_code, i.cell, i.restrictions`;

const SEARCH_SQL = `
  select ${COLUMNS}
  from inmate_search s
  join inmate i on i.pk = s.rowid
  left join housing_unit h on h.id = i.housing_unit_id
  where inmate_search match @match
  order by
    i.booking_number is @booking_number desc,
    (select count(*) from json_each(@words) w
      where w.value in (lower(i.last_name), lower(i.first_name), lower(i.middle_name))) desc,
    i.status = 'released',
    bm25(inmate_search, 10.0, 6.0, 3.0, 1.0, 2.0, 2.0),
    i.last_name, i.first_name, i.booking_number
  limit @limit`;

/**
 * "2026-00…" is a booking number being typed: a range of the booking-number index, in booking
 * order. Through the word index it would match every inmate booked in 2026, ranked one by one.
 */
const BOOKING_PREFIX_SQL = `
  select ${COLUMNS}
  from inmate i
  left join housing_unit h on h.id = i.housing_unit_id
  where i.booking_number >= @prefix and i.booking_number < @prefix || ':'
  order by i.booking_number
  limit @limit`;

interface HitRow {
  id: string;
  booking_number: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  date_of_birth: string;
  status: string;
  housing_unit_id: string | null;
  housing_unit_code: string | null;
  cell: string | null;
  restrictions: string;
}

const Restrictions = z.array(Restriction);

export interface InmateSearch {
  search(text: string, limit?: number): InmateSearchHit[];
}

/** Prepares the statement once per connection; each search is then one indexed query. */
export function createInmateSearch(sqlite: BetterSqlite3.Database): InmateSearch {
  const byWords = sqlite.prepare<[Record<string, unknown>], HitRow>(SEARCH_SQL);
  const byBookingPrefix = sqlite.prepare<[Record<string, unknown>], HitRow>(BOOKING_PREFIX_SQL);
  return {
    search(text, limit = DEFAULT_LIMIT) {
      const parsed = parseSearchQuery(text);
      if (parsed.match === null) return [];
      const rows = parsed.bookingPrefix
        ? byBookingPrefix.all({ prefix: parsed.bookingPrefix, limit: clampLimit(limit) })
        : byWords.all({
            match: parsed.match,
            words: JSON.stringify(parsed.words),
            booking_number: parsed.bookingNumber,
            limit: clampLimit(limit),
          });
      return rows.map(toHit);
    },
  };
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.trunc(limit)));
}

function toHit(row: HitRow): InmateSearchHit {
  return {
    id: row.id,
    bookingNumber: row.booking_number,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    status: InmateStatus.parse(row.status),
    housingUnitId: row.housing_unit_id,
    housingUnitCode: row.housing_unit_code,
    cell: row.cell,
    restrictions: Restrictions.parse(JSON.parse(row.restrictions)),
  };
}
