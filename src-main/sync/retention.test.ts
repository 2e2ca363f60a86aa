import { afterEach, describe, expect, it } from 'vitest';
import type { Visit, VisitRequest } from '../../src-shared/domain/records';
import { purgeSql } from './retention';
import { startPeer } from './testing/records-peer';
import type { RecordsPeer } from './testing/records-peer';
import { openTestWorkstation } from './testing/test-workstation';
import type { TestWorkstation } from './testing/test-workstation';

let peer: RecordsPeer | undefined;
let workstation: TestWorkstation | undefined;
afterEach(async () => {
  await workstation?.close();
  await peer?.close();
  workstation = undefined;
  peer = undefined;
});

const DAY = 24 * 60 * 60 * 1000;

function count(ws: TestWorkstation, table: string): number {
  return (ws.cache.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

describe('retention', () => {
  it('purges old visits and long-released inmates with what hangs off them, and audits the counts', async () => {
    peer = await startPeer({ size: 'small' });
    const now = new Date(`${peer.today}T12:00:00Z`);
    const retention = { visitDays: 30, releasedInmateDays: 7 };
    workstation = await openTestWorkstation({ url: peer.url, retention, clock: () => now });

    // What the policy says must go, worked out from the service's data.
    const visitCutoff = now.getTime() - retention.visitDays * DAY;
    const inmateCutoff = now.getTime() - retention.releasedInmateDays * DAY;
    const gone = new Set(
      peer
        .live('inmate')
        .filter((inmate) => inmate.status === 'released' && Date.parse(inmate.releasedAt!) < inmateCutoff)
        .map((inmate) => inmate.id),
    );
    const expired = (row: Visit | VisitRequest) =>
      gone.has(row.inmateId) || Date.parse(row.slotEnd) < visitCutoff;
    const expected = {
      inmates: gone.size,
      visits: peer.live('visit').filter(expired).length,
      visitRequests: peer.live('visitRequest').filter(expired).length,
      approvedContacts: peer.live('approvedContact').filter((row) => gone.has(row.inmateId)).length,
      contactRequests: peer.live('contactRequest').filter((row) => gone.has(row.inmateId)).length,
    };
    expect(expected.inmates).toBeGreaterThan(0);
    expect(expected.visits).toBeGreaterThan(0);

    expect((await workstation.sync.syncNow()).error).toBeNull();
    const service = peer.checksums();
    expect(count(workstation, 'inmate')).toBe(service.inmate.rows - expected.inmates);
    expect(count(workstation, 'visit')).toBe(service.visit.rows - expected.visits);
    expect(count(workstation, 'visit_request')).toBe(service.visitRequest.rows - expected.visitRequests);
    expect(count(workstation, 'approved_contact')).toBe(
      service.approvedContact.rows - expected.approvedContacts,
    );
    expect(count(workstation, 'contact_request')).toBe(
      service.contactRequest.rows - expected.contactRequests,
    );
    // The search index forgot the purged inmates too.
    expect(count(workstation, 'inmate_search')).toBe(count(workstation, 'inmate'));

    const audited = workstation.cache.sqlite
      .prepare(
        "select actor, action, target, outcome, details from audit where action = 'cache.retention-purge'",
      )
      .all() as { details: string }[];
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor: 'system', target: 'retention', outcome: 'success' });
    expect(JSON.parse(audited[0]!.details)).toEqual({ reason: 'retention', ...expected, ...retention });

    // Nothing more to purge: a second sync audits nothing new.
    expect((await workstation.sync.syncNow()).error).toBeNull();
    expect(
      workstation.cache.sqlite
        .prepare("select count(*) as n from audit where action = 'cache.retention-purge'")
        .get(),
    ).toEqual({
      n: 1,
    });
  });

  it('leaves the purge to the next round when a stop cuts short the building of set-aside indexes', async () => {
    peer = await startPeer({ size: 'small' });
    const now = new Date(`${peer.today}T12:00:00Z`);
    workstation = await openTestWorkstation({
      url: peer.url,
      retention: { visitDays: 30, releasedInmateDays: 7 },
      clock: () => now,
    });
    const ws = workstation;
    const purges = () =>
      (
        ws.cache.sqlite
          .prepare("select count(*) as n from audit where action = 'cache.retention-purge'")
          .get() as { n: number }
      ).n;
    const setAside = () => count(ws, 'sync_deferred_index');
    // Stop once the last page of the initial sync is in: its indexes are still to be built.
    let stopped: Promise<void> | undefined;
    ws.sync.onStatus((status) => {
      if (!stopped && status.initial && status.initial.received === status.initial.expected)
        stopped = ws.sync.stop();
    });

    await ws.sync.syncNow();
    await stopped;
    expect(stopped).toBeDefined();
    expect(setAside()).toBeGreaterThan(0);
    expect(purges()).toBe(0);

    ws.sync.start();
    expect((await ws.sync.syncNow()).error).toBeNull();
    await ws.sync.stop();
    expect(setAside()).toBe(0);
    expect(purges()).toBe(1);
  });

  it('finds what to purge through indexes, never by reading a whole table', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url });
    workstation.cache.sqlite.exec('create temp table if not exists sync_purge_inmate (id text primary key)');
    for (const [name, sql] of Object.entries(purgeSql)) {
      const plan = (
        workstation.cache.sqlite.prepare(`explain query plan ${sql}`).all({
          visitSlack: '2026-01-01',
          visitCutoff: 0,
          inmateSlack: '2026-01-01',
          inmateCutoff: 0,
        }) as { detail: string }[]
      ).map((row) => row.detail);
      expect(plan.join(' | '), name).not.toMatch(/\bSCAN (?!sync_purge_inmate)/);
      expect(plan.join(' | '), name).toMatch(/USING (COVERING )?INDEX|PRIMARY KEY/);
    }
  });
});
