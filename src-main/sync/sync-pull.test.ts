import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from './testing/records-peer';
import type { RecordsPeer } from './testing/records-peer';
import { openTestWorkstation } from './testing/test-workstation';
import type { TestWorkstation } from './testing/test-workstation';
import { readSyncState } from './sync-state';

let peer: RecordsPeer | undefined;
let freshIndexes: string[] = [];
beforeAll(async () => {
  const fresh = await openTestWorkstation({ url: 'http://127.0.0.1:9' });
  freshIndexes = indexes(fresh);
  await fresh.close();
});
let workstation: TestWorkstation | undefined;
afterEach(async () => {
  await workstation?.close();
  await peer?.close();
  workstation = undefined;
  peer = undefined;
});

describe('pulling the change feed', () => {
  it('brings the whole facility into an empty cache, table for table', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url });
    const progress: (number | null)[] = [];
    workstation.sync.onStatus((status) => progress.push(status.initial?.received ?? null));
    const status = await workstation.sync.syncNow();
    expect(status.error).toBeNull();
    expect(status.online).toBe(true);
    expect(workstation.checksums()).toEqual(peer.checksums());
    const expected = peer.service.store.recordCount();
    expect(status.initial).toEqual({ done: true, received: expected, expected });
    expect(progress.filter((received) => received !== null).length).toBeGreaterThan(2);
    expect(readSyncState(workstation.cache.sqlite)).toMatchObject({
      cursor: peer.service.headSeq(),
      upToDate: true,
    });
    // The indexes set aside for the bulk load are all back, as the schema made them.
    expect(indexes(workstation)).toEqual(freshIndexes);
    expect(workstation.cache.sqlite.prepare('select count(*) as n from sync_deferred_index').get()).toEqual({
      n: 0,
    });
  });

  it("sets the bulk tables' indexes and the WAL aside only while they fill", async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url });
    const seen: number[] = [];
    const journals = new Set<unknown>();
    const journal = () => workstation!.cache.sqlite.pragma('journal_mode', { simple: true });
    workstation.sync.onStatus(() => {
      seen.push(indexes(workstation!).length);
      journals.add(journal());
    });
    await workstation.sync.syncNow();
    expect(Math.min(...seen)).toBeLessThan(freshIndexes.length);
    expect(indexes(workstation)).toEqual(freshIndexes);
    expect(journals).toContain('truncate');
    expect(journal()).toBe('wal');
    // A later sync writes through the WAL.
    peer.service.upsert('staff', { ...peer.live('staff')[0]!, displayName: 'Renamed Officer' });
    journals.clear();
    await workstation.sync.syncNow();
    expect([...journals]).toEqual(['wal']);
    // Had the way back to WAL failed after the initial sync, the next round takes it.
    expect(await workstation.cache.useJournal('rollback')).toBe('rollback');
    await workstation.sync.syncNow();
    expect(journal()).toBe('wal');
  });
});

function indexes(ws: TestWorkstation): string[] {
  return (
    ws.cache.sqlite.prepare("select name from sqlite_master where type = 'index' order by name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}
