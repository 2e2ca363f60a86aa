import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inmate } from '../../src-shared/domain/records';
import { prepareUpsert } from './entity-rows';
import { createInmateSearch, parseSearchQuery } from './inmate-search';
import type { InmateSearch } from './inmate-search';
import { openCache } from './open-cache';
import type { Cache } from './open-cache';
import { aHousingUnit, anInmate } from './testing/sample-records';
import { makeTempDir } from './testing/temp-dir';

const dir = makeTempDir();
let cache: Cache;
let search: InmateSearch;
let upsertInmate: (inmate: Inmate, version: number) => void;

const people: Inmate[] = [
  anInmate({
    id: 'smith',
    bookingNumber: '2026-004211',
    firstName: 'John',
    lastName: 'Smith',
    housingUnitId: 'hu-b2',
  }),
  anInmate({
    id: 'smithers',
    bookingNumber: '2025-013377',
    firstName: 'Waylon',
    lastName: 'Smithers',
    housingUnitId: 'hu-c1',
  }),
  anInmate({
    id: 'jo',
    bookingNumber: '2026-000042',
    firstName: 'Jo',
    lastName: 'Anders',
    housingUnitId: 'hu-c1',
  }),
  anInmate({
    id: 'obrien',
    bookingNumber: '2024-100001',
    firstName: 'Siobhán',
    lastName: "O'Brien",
    housingUnitId: 'hu-b2',
  }),
  anInmate({
    id: 'garcia',
    bookingNumber: '2026-004299',
    firstName: 'José',
    middleName: 'Luis',
    lastName: 'García-López',
    housingUnitId: null,
  }),
  anInmate({
    id: 'released-smith',
    bookingNumber: '2023-000777',
    firstName: 'John',
    lastName: 'Smith',
    status: 'released',
    housingUnitId: null,
    releasedAt: '2024-01-01T00:00:00.000Z',
  }),
];

beforeAll(async () => {
  cache = await openCache({ file: dir.file('cache.sqlite'), key: randomBytes(32) });
  const upsertUnit = prepareUpsert(cache.sqlite, 'housingUnit');
  upsertInmate = prepareUpsert(cache.sqlite, 'inmate');
  upsertUnit(aHousingUnit({ id: 'hu-b2', code: 'B2', name: 'Bravo Two' }), 1);
  for (const person of people) upsertInmate(person, 1);
  // The unit C1 arrives on the feed after its inmates: they still become findable by it.
  upsertUnit(aHousingUnit({ id: 'hu-c1', code: 'C1', name: 'Charlie One' }), 1);
  search = createInmateSearch(cache.sqlite);
});
afterAll(async () => {
  await cache.close();
  dir.remove();
});

const ids = (text: string, limit?: number) => search.search(text, limit).map((hit) => hit.id);

describe('inmate search', () => {
  it('finds by the start of a last name, a first name, or both', () => {
    expect(ids('smi')).toEqual(['smith', 'smithers', 'released-smith']);
    expect(ids('wayl')).toEqual(['smithers']);
    expect(ids('smith jo')).toEqual(['smith', 'released-smith']);
    expect(ids('Jo Smi')).toEqual(['smith', 'released-smith']);
  });

  it('ranks a whole-word match above a prefix match, and people in custody above the released', () => {
    expect(ids('smith')).toEqual(['smith', 'released-smith', 'smithers']);
    expect(ids('jo')[0]).toBe('jo');
  });

  it('finds by booking number: whole, its start, or the sequence without leading zeros', () => {
    expect(ids('2026-004211')).toEqual(['smith']);
    expect(ids('2026-0042')).toEqual(expect.arrayContaining(['smith', 'garcia']));
    expect(ids('2026-0042')).toHaveLength(2);
    expect(ids('4211')).toEqual(['smith']);
    expect(ids('004211')).toEqual(['smith']);
  });

  it('lists a booking number being typed in booking order', () => {
    expect(ids('2026-')).toEqual(['jo', 'smith', 'garcia']);
    expect(ids('2026-00421')).toEqual(['smith']);
    expect(ids('2025-')).toEqual(['smithers']);
  });

  it('puts the exact booking number first', () => {
    expect(ids('2026-000042')[0]).toBe('jo');
  });

  it('finds by housing unit code or name, alone or with a name', () => {
    expect(ids('B2').sort()).toEqual(['obrien', 'smith']);
    expect(ids('charlie').sort()).toEqual(['jo', 'smithers']);
    expect(ids('c1 smi')).toEqual(['smithers']);
  });

  it('ignores accents, apostrophes, hyphens and case', () => {
    expect(ids('jose')).toEqual(['garcia']);
    expect(ids('garcia lopez')).toEqual(['garcia']);
    expect(ids('lopez')).toEqual(['garcia']);
    expect(ids('garcialo')).toEqual(['garcia']);
    expect(ids('siobhan')).toEqual(['obrien']);
    expect(ids("o'bri")).toEqual(['obrien']);
    expect(ids('obrien')).toEqual(['obrien']);
    expect(ids('OBRIEN')).toEqual(['obrien']);
  });

  it('answers nothing, without an error, for empty input, punctuation or FTS5 syntax', () => {
    for (const text of [
      '',
      '   ',
      '-',
      '"',
      '*',
      '"smith',
      'smith"',
      'NEAR(smith jo)',
      'smith OR jo',
      '^smi',
      'last_name:smi',
      "');drop table inmate;--",
    ]) {
      expect(() => search.search(text)).not.toThrow();
    }
    expect(ids('')).toEqual([]);
    expect(ids('*')).toEqual([]);
    expect(ids('zzqx')).toEqual([]);
    // Operators are words to search for, not operators.
    expect(ids('smith OR jo')).toEqual([]);
  });

  it('follows renames, moves and deletions made by anyone writing the tables', () => {
    upsertInmate({ ...people[2]!, lastName: 'Andersson-Vale', housingUnitId: 'hu-b2' }, 2);
    expect(ids('vale')).toEqual(['jo']);
    expect(ids('b2').sort()).toEqual(['jo', 'obrien', 'smith']);
    cache.sqlite.prepare("update housing_unit set code = 'B9', name = 'Bravo Nine' where id = 'hu-b2'").run();
    expect(ids('b9').sort()).toEqual(['jo', 'obrien', 'smith']);
    expect(ids('b2')).toEqual([]);
    cache.sqlite.prepare("delete from inmate where id = 'jo'").run();
    expect(ids('vale')).toEqual([]);
  });

  it('returns the fields a result row shows, and honours the limit', () => {
    const [hit] = search.search('2026-004211');
    expect(hit).toMatchObject({
      id: 'smith',
      bookingNumber: '2026-004211',
      firstName: 'John',
      lastName: 'Smith',
      status: 'in-custody',
      restrictions: [],
    });
    expect(search.search('smi', 1)).toHaveLength(1);
  });

  it('builds FTS5 queries that are only quoted prefixes', () => {
    expect(parseSearchQuery(' smith,  "jo" ').match).toBe('"smith"* AND """jo"""*');
    expect(parseSearchQuery('2026-004211').bookingNumber).toBe('2026-004211');
    expect(parseSearchQuery('- * ').match).toBeNull();
  });
});
