// Writing pages into the cache: versions only move forward, a page moves the cursor with it, and
// a page asked for before a reset is not written over the reset. A segment of upserts goes in by
// one statement when every row is new and row by row when not: both must end the same.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Staff } from '../../src-shared/domain/records';
import { entityColumns, recordToRow } from '../store/entity-rows';
import { openCache } from '../store/open-cache';
import type { Cache } from '../store/open-cache';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import type { StagedPage } from './feed-page';
import { packChanges } from './testing/staged-changes';
import type { StagedChange } from './testing/staged-changes';
import { FeedWriter } from './feed-writer';
import { readSyncState } from './sync-state';

let dir: TempDir;
let cache: Cache;
let writer: FeedWriter;
beforeEach(async () => {
  dir = makeTempDir('sallyport-feed-writer-');
  cache = await openCache({ file: dir.file('cache.sqlite'), key: randomBytes(32) });
  writer = new FeedWriter(cache.sqlite, () => new Date('2026-03-02T10:00:00Z'));
});
afterEach(async () => {
  await cache.close();
  dir.remove();
});

const officer: Staff = {
  id: 'stf-1',
  username: 'j.doe',
  displayName: 'J Doe',
  role: 'officer',
  active: true,
};

function upsert(seq: number, version: number, staff: Partial<Staff> = {}): StagedChange {
  const row = recordToRow('staff', { ...officer, ...staff }, version);
  return {
    seq,
    entity: 'staff',
    op: 'upsert',
    id: officer.id,
    version,
    row: entityColumns('staff').map((c) => row[c]),
  };
}

function page(after: number, changes: StagedChange[], seq = changes.at(-1)?.seq ?? after): StagedPage {
  return {
    after,
    segments: packChanges(changes),
    quarantined: [],
    checkpoint: {
      type: 'checkpoint',
      seq,
      upToDate: true,
      headSeq: seq,
      expectedTotal: after === 0 ? 1 : null,
    },
    lines: changes.length,
    skipped: 0,
  };
}

const staffRow = () => cache.sqlite.prepare('select username, role, active, version from staff').all();

/** An upsert of any staff record (the helper above is always the same one). */
function staffUpsert(seq: number, version: number, staff: Staff): StagedChange {
  const row = recordToRow('staff', staff, version);
  return {
    seq,
    entity: 'staff',
    op: 'upsert',
    id: staff.id,
    version,
    row: entityColumns('staff').map((c) => row[c]),
  };
}

function staffTombstone(seq: number, id: string, version: number): StagedChange {
  return { seq, entity: 'staff', op: 'delete', id, version, row: null };
}

const member = (id: string, extra: Partial<Staff> = {}): Staff => ({
  id,
  username: `user.${id}`,
  displayName: `Officer ${id}`,
  role: 'officer',
  active: true,
  ...extra,
});

interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  active: number;
  version: number;
}
const staffRows = () =>
  cache.sqlite
    .prepare('select id, username, display_name, role, active, version from staff order by id')
    .all() as StaffRow[];
const versions = () => Object.fromEntries(staffRows().map((row) => [row.id, row.version]));

describe('FeedWriter', () => {
  it('moves a record only forward in version, whatever order pages come in', () => {
    expect(writer.apply(page(0, [upsert(1, 1)])).applied).toBe(1);
    expect(writer.apply(page(1, [upsert(2, 3, { role: 'supervisor' })])).applied).toBe(1);
    // An older version, and the same version again, change nothing.
    expect(writer.apply(page(2, [upsert(3, 2, { role: 'administrator' })])).applied).toBe(0);
    expect(writer.apply(page(3, [upsert(4, 3, { role: 'administrator' })])).applied).toBe(0);
    expect(staffRow()).toEqual([{ username: 'j.doe', role: 'supervisor', active: 1, version: 3 }]);
    // A tombstone older than the row leaves it; a newer one deletes it.
    const tombstone = (seq: number, version: number): StagedChange => ({
      seq,
      entity: 'staff',
      op: 'delete',
      id: officer.id,
      version,
      row: null,
    });
    expect(writer.apply(page(4, [tombstone(5, 2)])).applied).toBe(0);
    expect(writer.apply(page(5, [tombstone(6, 4)])).applied).toBe(1);
    expect(staffRow()).toEqual([]);
    expect(readSyncState(cache.sqlite)).toMatchObject({ cursor: 6, upToDate: true });
  });

  it('skips changes at or below the cursor and never moves the cursor back', () => {
    writer.apply(page(0, [upsert(5, 2, { active: false })]));
    // The same page served again, as a later page: nothing changes, the cursor stays.
    const again = writer.apply(page(5, [upsert(5, 2, { active: false })], 3));
    expect(again).toMatchObject({ written: true, applied: 0 });
    expect(readSyncState(cache.sqlite).cursor).toBe(5);
  });

  it('refuses a page asked for before the cursor was reset', () => {
    writer.apply(page(0, [upsert(7, 1)]));
    writer.resetForResync();
    expect(staffRow()).toEqual([]);
    const stale = writer.apply(page(7, [upsert(8, 2)]));
    expect(stale).toMatchObject({ written: false, applied: 0 });
    expect(staffRow()).toEqual([]);
    expect(readSyncState(cache.sqlite)).toMatchObject({ cursor: 0, initialCompletedAt: null });
  });

  it('quarantines a record that clashes with another on a unique column, and goes on', () => {
    writer.apply(page(0, [upsert(1, 1)]));
    const clash = { ...upsert(2, 1), id: 'stf-2' };
    clash.row![0] = 'stf-2';
    const result = writer.apply(page(1, [clash, upsert(3, 2, { displayName: 'Jo Doe' })]));
    expect(result).toMatchObject({ applied: 1, quarantined: 1 });
    const [kept] = cache.sqlite.prepare('select record_id, reason from quarantine').all() as {
      record_id: string;
      reason: string;
    }[];
    expect(kept).toMatchObject({
      record_id: 'stf-2',
      reason: expect.stringMatching(/clashes with another record/),
    });
  });
  it('writes a page of new records whole, every value as it was sent', () => {
    // Text that must come through SQLite's JSON reading untouched: quotes, accents, leading zeros.
    const sent = Array.from({ length: 500 }, (_, at) =>
      member(`stf-${String(at).padStart(4, '0')}`, {
        username: at === 7 ? '00042' : `user.${at}`,
        displayName: at === 8 ? 'Zoë "Z" O\'Brien' : `Officer ${at}`,
        role: at % 10 === 0 ? 'supervisor' : 'officer',
        active: at % 3 !== 0,
      }),
    );
    const changes = sent.map((staff, at) => staffUpsert(at + 1, 1 + (at % 4), staff));
    const written = page(0, changes);
    // All of them are one segment: the whole page goes in through the one statement.
    expect(written.segments).toHaveLength(1);

    const result = writer.apply(written);
    expect(result).toMatchObject({ written: true, applied: 500, quarantined: 0 });
    expect(result.state.cursor).toBe(500);
    expect(staffRows()).toEqual(
      sent.map((staff, at) => ({
        id: staff.id,
        username: staff.username,
        display_name: staff.displayName,
        role: staff.role,
        active: staff.active ? 1 : 0,
        version: 1 + (at % 4),
      })),
    );
  });

  it('in one segment inserts the new records, updates the older ones and leaves the rest', () => {
    writer.apply(
      page(0, [
        staffUpsert(1, 1, member('stf-a')),
        staffUpsert(2, 2, member('stf-b')),
        staffUpsert(3, 3, member('stf-c')),
      ]),
    );
    const result = writer.apply(
      page(3, [
        staffUpsert(4, 2, member('stf-a', { role: 'supervisor' })), // newer: updated
        staffUpsert(5, 1, member('stf-new-1')), // new
        staffUpsert(6, 2, member('stf-b', { displayName: 'Not Applied' })), // same version: left
        staffUpsert(7, 2, member('stf-c', { active: false })), // older: left
        staffUpsert(8, 1, member('stf-new-2')), // new
      ]),
    );
    expect(result).toMatchObject({ written: true, applied: 3, quarantined: 0 });
    expect(versions()).toEqual({ 'stf-a': 2, 'stf-b': 2, 'stf-c': 3, 'stf-new-1': 1, 'stf-new-2': 1 });
    const byId = Object.fromEntries(staffRows().map((row) => [row.id, row]));
    expect(byId['stf-a']).toMatchObject({ role: 'supervisor', active: 1 });
    expect(byId['stf-b']).toMatchObject({ display_name: 'Officer stf-b' });
    expect(byId['stf-c']).toMatchObject({ active: 1 });
  });

  it('takes a username another record gives up earlier in the same segment, without quarantine', () => {
    writer.apply(page(0, [staffUpsert(1, 1, member('stf-a', { username: 'shared' }))]));
    // All at once the new record would clash with the old name; in feed order it does not.
    const result = writer.apply(
      page(1, [
        staffUpsert(2, 2, member('stf-a', { username: 'renamed' })),
        staffUpsert(3, 1, member('stf-b', { username: 'shared' })),
      ]),
    );
    expect(result).toMatchObject({ applied: 2, quarantined: 0 });
    expect(staffRows().map((row) => [row.id, row.username, row.version])).toEqual([
      ['stf-a', 'renamed', 2],
      ['stf-b', 'shared', 1],
    ]);
  });

  it('settles a username taken by a new record from an existing one in feed order', () => {
    writer.apply(page(0, [staffUpsert(1, 1, member('stf-a', { username: 'bob' }))]));
    // The existing record takes 'alice' (and is deactivated) before a new record asks for it:
    // the existing record's change applies and the newcomer is the one quarantined.
    const result = writer.apply(
      page(1, [
        staffUpsert(2, 2, member('stf-a', { username: 'alice', active: false })),
        staffUpsert(3, 1, member('stf-b', { username: 'ALICE' })),
      ]),
    );
    expect(result).toMatchObject({ applied: 1, quarantined: 1 });
    expect(staffRows().map((row) => [row.id, row.username, row.active, row.version])).toEqual([
      ['stf-a', 'alice', 0, 2],
    ]);
    const [kept] = cache.sqlite.prepare('select record_id from quarantine').all() as { record_id: string }[];
    expect(kept).toEqual({ record_id: 'stf-b' });
  });

  it('ends an upsert and a tombstone of one record in the same page as the feed orders them', () => {
    // Created then deleted: gone, and the record beside it stays.
    const created = writer.apply(
      page(0, [
        staffUpsert(1, 1, member('stf-a')),
        staffUpsert(2, 1, member('stf-b')),
        staffTombstone(3, 'stf-a', 2),
      ]),
    );
    expect(created).toMatchObject({ applied: 3 });
    expect(versions()).toEqual({ 'stf-b': 1 });

    // Deleted then created again at a newer version: there, at that version.
    const recreated = writer.apply(
      page(3, [staffTombstone(4, 'stf-b', 2), staffUpsert(5, 3, member('stf-b', { role: 'administrator' }))]),
    );
    expect(recreated).toMatchObject({ applied: 2 });
    expect(staffRows()).toMatchObject([{ id: 'stf-b', role: 'administrator', version: 3 }]);
    expect(readSyncState(cache.sqlite).cursor).toBe(5);
  });

  it('applies only the changes after the cursor from a page that overlaps it', () => {
    writer.apply(
      page(0, [
        staffUpsert(1, 1, member('stf-1')),
        staffUpsert(2, 1, member('stf-2')),
        staffUpsert(3, 1, member('stf-3')),
      ]),
    );
    // Asked for after 1, it arrives when the cursor is at 3. Seqs 2 and 3 were had before:
    // what they carry here (a delete, a record never seen) must not be written.
    const result = writer.apply(
      page(1, [
        staffTombstone(2, 'stf-3', 2),
        staffUpsert(3, 1, member('stf-below-cursor')),
        staffUpsert(4, 2, member('stf-1', { active: false })),
        staffUpsert(5, 1, member('stf-4')),
      ]),
    );
    expect(result).toMatchObject({ written: true, applied: 2, quarantined: 0 });
    expect(versions()).toEqual({ 'stf-1': 2, 'stf-2': 1, 'stf-3': 1, 'stf-4': 1 });
    expect(result.state.cursor).toBe(5);
  });
});
