// Every fault the issue names, injected by the real records service on loopback: after each, the
// cache must hold exactly what the service holds (canonical checksums of every synced table),
// with nothing lost or doubled, and the officer must have been told what went wrong in words.
import { afterEach, describe, expect, it } from 'vitest';
import { startPeer } from './testing/records-peer';
import type { Fault, RecordsPeer } from './testing/records-peer';
import { openTestWorkstation } from './testing/test-workstation';
import type { TestWorkstation } from './testing/test-workstation';
import { readSyncState } from './sync-state';
import type { SyncStatus } from './sync-status';

let peer: RecordsPeer | undefined;
let workstation: TestWorkstation | undefined;
afterEach(async () => {
  await workstation?.close();
  await peer?.close();
  workstation = undefined;
  peer = undefined;
});

/** Syncs until an attempt succeeds; returns the errors shown on the way. */
async function syncUntilClean(ws: TestWorkstation, attempts = 10): Promise<string[]> {
  const errors: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const status: SyncStatus = await ws.sync.syncNow();
    if (status.error === null) return errors;
    errors.push(status.error);
  }
  throw new Error(`still failing after ${attempts} attempts: ${errors.at(-1)}`);
}

const CHANGES = '/v1/changes';

describe('the sync through faults', () => {
  it.each<[string, Fault, RegExp | null]>([
    ['the service killed mid-stream', { kind: 'cut', afterLines: 120 }, /dropped mid-answer/],
    ['a truncated last line', { kind: 'truncate-last-line' }, /last line was cut short/],
    ['a line of invalid JSON', { kind: 'bad-json-line', afterLines: 40 }, /line 41 is not valid JSON/],
    ['a page without its checkpoint', { kind: 'missing-checkpoint' }, /ended without its checkpoint/],
    ['HTTP 500', { kind: 'status', status: 500 }, /failed \(HTTP 500\)/],
    ['HTTP 503 with Retry-After', { kind: 'status', status: 503, retryAfter: '1' }, /is unavailable/],
    ['a stream that stalls', { kind: 'stall', afterLines: 60 }, /stopped sending in the middle of an answer/],
    ['every line served twice', { kind: 'duplicate-lines' }, null],
    ['the previous page served again', { kind: 'replay-previous-page' }, null],
  ])('ends equal to the service after %s', async (_name, fault, shown) => {
    peer = await startPeer({ size: 'small' });
    // A short stall limit where a stall is the fault; the usual test limit otherwise.
    workstation = await openTestWorkstation({
      url: peer.url,
      tuning: fault.kind === 'stall' ? { stallSeconds: 0.5 } : {},
    });
    // The first page goes through; the fault hits the second and the fourth request.
    peer.faults.next(CHANGES, ...([null, fault, null, fault] as Fault[]));
    const errors = await syncUntilClean(workstation);
    if (shown) {
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(errors[0]).toMatch(shown);
    } else {
      expect(errors).toEqual([]);
    }
    expect(peer.faults.pending(CHANGES)).toBe(0);
    expect(workstation.checksums()).toEqual(peer.checksums());
    expect(readSyncState(workstation.cache.sqlite).cursor).toBe(peer.service.headSeq());
    // Nothing was quarantined: every fault above is the transport's, not the data's.
    expect(workstation.cache.sqlite.prepare('select count(*) as n from quarantine').get()).toEqual({ n: 0 });
  });

  it('quarantines a record that fails its schema, with the reason, and goes on', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url });
    peer.faults.next(CHANGES, { kind: 'bad-record', atLine: 100 });
    expect(await syncUntilClean(workstation)).toEqual([]);

    const quarantined = workstation.cache.sqlite.prepare('select * from quarantine').all() as {
      entity: string;
      record_id: string;
      version: number;
      reason: string;
      line: string;
    }[];
    expect(quarantined).toHaveLength(1);
    const [bad] = quarantined as [(typeof quarantined)[number]];
    expect(bad.reason).toMatch(/fails its schema/);
    expect(bad.line).toContain(bad.record_id);
    // Everything else arrived; the bad record is the only difference.
    const cache = workstation.checksums();
    const service = peer.checksums();
    const entity = bad.entity as keyof typeof cache;
    expect(cache[entity].rows).toBe(service[entity].rows - 1);
    expect({ ...cache, [entity]: null }).toEqual({ ...service, [entity]: null });

    // The source fixes the record: its next version comes through and the tables match.
    const current = peer.service.store.get(entity, bad.record_id);
    peer.service.upsert(entity, current!.data as never);
    expect(await syncUntilClean(workstation)).toEqual([]);
    expect(workstation.checksums()).toEqual(peer.checksums());
    expect(workstation.cache.sqlite.prepare('select count(*) as n from quarantine').get()).toEqual({ n: 1 });
  });

  it('applies changes and tombstones after the initial sync, never going back a version', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url });
    await syncUntilClean(workstation);
    const request = peer.service.store.get('visitRequest', 'vr-0000001')!;
    peer.service.upsert('visitRequest', { ...(request.data as object), reason: 'slot moved' } as never);
    peer.service.remove('visitor', 'vis-000001');
    peer.service.upsert('staff', {
      id: 'stf-new',
      username: 'n.ew',
      displayName: 'New Officer',
      role: 'officer',
      active: true,
    });
    // The next page is served twice (a proxy replaying): the second copy must change nothing.
    peer.faults.next(CHANGES, { kind: 'duplicate-lines' });
    expect(await syncUntilClean(workstation)).toEqual([]);
    expect(workstation.checksums()).toEqual(peer.checksums());
    const staff = workstation.cache.sqlite
      .prepare("select username, role, active from staff where id = 'stf-new'")
      .get();
    expect(staff).toEqual({ username: 'n.ew', role: 'officer', active: 1 });
    expect(
      workstation.cache.sqlite.prepare("select 1 from visitor where id = 'vis-000001'").get(),
    ).toBeUndefined();
  });

  it('syncs again from zero when the service no longer knows the cursor', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url });
    await syncUntilClean(workstation);
    // The service's data is replaced by a much shorter feed: the cursor is now past its head.
    const port = Number(new URL(peer.url).port);
    await peer.close();
    peer = await startPeer({ port });
    peer.service.upsert('staff', {
      id: 'stf-1',
      username: 'o.nly',
      displayName: 'Only Officer',
      role: 'supervisor',
      active: true,
    });
    const status = await workstation.sync.syncNow();
    expect(status.error).toBeNull();
    expect(workstation.checksums()).toEqual(peer.checksums());
    expect(status.initial).toMatchObject({ done: true, expected: 1 });
  });
});
