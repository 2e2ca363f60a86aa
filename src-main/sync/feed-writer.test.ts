// Writing pages into the cache: versions only move forward, a page moves the cursor with it, and
// a page asked for before a reset is not written over the reset.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Staff } from '../../src-shared/domain/records';
import { entityColumns, recordToRow } from '../store/entity-rows';
import { openCache } from '../store/open-cache';
import type { Cache } from '../store/open-cache';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import { packChanges } from './feed-page';
import type { StagedChange, StagedPage } from './feed-page';
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
});
