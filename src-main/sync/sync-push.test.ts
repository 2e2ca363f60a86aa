// Decisions leave through the outbox: once each, whatever happens to the network, and a refusal
// comes back to the officer in words with the cache put right.
import { afterEach, describe, expect, it } from 'vitest';
import { undeliveredAuditCount } from '../audit/upload-queue';
import { startPeer } from './testing/records-peer';
import type { RecordsPeer } from './testing/records-peer';
import { openTestWorkstation } from './testing/test-workstation';
import type { TestWorkstation } from './testing/test-workstation';

let peer: RecordsPeer | undefined;
const workstations: TestWorkstation[] = [];
afterEach(async () => {
  for (const ws of workstations.splice(0)) await ws.close();
  await peer?.close();
  peer = undefined;
});

async function syncedWorkstation(name = 'TEST-WS-01'): Promise<TestWorkstation> {
  const ws = await openTestWorkstation({ url: peer!.url, name });
  workstations.push(ws);
  const status = await ws.sync.syncNow();
  expect(status.error).toBeNull();
  return ws;
}

function pendingRequests(ws: TestWorkstation, count: number): string[] {
  const rows = ws.cache.sqlite
    .prepare("select id from visit_request where status = 'pending' order by id limit ?")
    .all(count) as { id: string }[];
  expect(rows).toHaveLength(count);
  return rows.map((row) => row.id);
}

function cachedRequest(ws: TestWorkstation, id: string) {
  return ws.cache.sqlite
    .prepare('select status, decided_by, reason, version from visit_request where id = ?')
    .get(id) as { status: string; decided_by: string | null; reason: string | null; version: number };
}

describe('the outbox', () => {
  it('delivers decisions made while the service was down exactly once after it returns', async () => {
    peer = await startPeer({ size: 'small' });
    const ws = await syncedWorkstation();
    const ids = pendingRequests(ws, 3);
    await peer.stop();

    for (const id of ids) {
      const queued = await ws.sync.enqueueDecision({
        entity: 'visitRequest',
        recordId: id,
        decision: 'approved',
        reason: null,
        actor: 'a.officer',
      });
      expect(queued.record).toMatchObject({ status: 'approved', decidedBy: 'a.officer' });
    }
    // Applied to the cache at once, queued for the service.
    expect(cachedRequest(ws, ids[0]!)).toMatchObject({
      status: 'approved',
      decided_by: 'a.officer',
      version: 1,
    });
    let status = await ws.sync.syncNow();
    expect(status).toMatchObject({ online: false, outboxPending: 3 });
    expect(status.error).toMatch(/cannot be reached/);

    await peer.restart();
    // The first delivery is applied but its answer is lost: the outbox must resend, with the same ids.
    peer.faults.next('/v1/mutations', { kind: 'drop-reply' });
    status = await ws.sync.syncNow();
    expect(status.outboxPending).toBe(3);
    status = await ws.sync.syncNow();
    expect(status).toMatchObject({ error: null, online: true, outboxPending: 0, notices: 0 });

    expect(peer.service.mutationCount()).toBe(3);
    expect(peer.service.mutationTally()).toEqual({ applied: 3, duplicate: 3, conflict: 0, rejected: 0 });
    for (const id of ids) {
      const record = peer.service.store.get('visitRequest', id)!;
      expect(record.version).toBe(2);
      expect(record.data).toMatchObject({ status: 'approved', decidedBy: 'a.officer' });
    }
    expect(ws.checksums()).toEqual(peer.checksums());
  });

  it('tells the second of two workstations deciding the same request who decided first, and when', async () => {
    peer = await startPeer({ size: 'small' });
    const first = await syncedWorkstation('WS-NORTH');
    const second = await syncedWorkstation('WS-SOUTH');
    const [id] = pendingRequests(first, 1) as [string];

    const approved = await first.sync.enqueueDecision({
      entity: 'visitRequest',
      recordId: id,
      decision: 'approved',
      reason: null,
      actor: 'north.officer',
    });
    await second.sync.enqueueDecision({
      entity: 'visitRequest',
      recordId: id,
      decision: 'denied',
      reason: 'no slot',
      actor: 'south.officer',
    });
    expect((await first.sync.syncNow()).error).toBeNull();
    const status = await second.sync.syncNow();
    expect(status).toMatchObject({ error: null, outboxPending: 0, notices: 1 });

    const [notice] = await second.sync.listNotices();
    expect(notice).toMatchObject({
      outcome: 'conflict',
      entity: 'visitRequest',
      recordId: id,
      actor: 'south.officer',
      decidedBy: 'north.officer',
      decidedAt: approved.mutation.madeAt,
    });
    expect(notice!.message).toBe(
      `north.officer approved this visit request first, at ${approved.mutation.madeAt}. ` +
        `Your decision (denied) on visit request ${id} was not applied.`,
    );
    // The second cache shows what the service holds: the first decision.
    expect(cachedRequest(second, id)).toMatchObject({
      status: 'approved',
      decided_by: 'north.officer',
      version: 2,
    });
    expect(peer.service.mutationTally()).toMatchObject({ applied: 1, conflict: 1 });
    expect(second.checksums()).toEqual(peer.checksums());
    const audited = second.cache.sqlite
      .prepare("select actor, outcome, details from audit where action = 'visit-request.decide' order by seq")
      .all() as { actor: string; outcome: string; details: string }[];
    expect(audited.map((row) => [row.actor, row.outcome])).toEqual([
      ['south.officer', 'success'],
      ['south.officer', 'failure'],
    ]);

    expect(await second.sync.dismissNotice(notice!.id)).toBe(true);
    expect(await second.sync.listNotices()).toEqual([]);
    expect(second.sync.getStatus().notices).toBe(0);
  });

  it('puts the record back and gives the reason when the service rejects a decision', async () => {
    peer = await startPeer({ size: 'small' });
    const ws = await syncedWorkstation();
    const [id] = pendingRequests(ws, 1) as [string];
    const request = peer.service.store.get('visitRequest', id)!.data as { visitorId: string };
    const visitor = peer.service.store.get('visitor', request.visitorId)!.data as object;
    // The visitor is banned at the service; this workstation has not heard yet.
    peer.faults.always('/v1/changes', { kind: 'status', status: 503 });
    peer.service.upsert('visitor', { ...visitor, banned: true } as never);
    await ws.sync.enqueueDecision({
      entity: 'visitRequest',
      recordId: id,
      decision: 'approved',
      reason: null,
      actor: 'a.officer',
    });
    peer.faults.clear();

    const status = await ws.sync.syncNow();
    expect(status).toMatchObject({ error: null, outboxPending: 0, notices: 1 });
    const [notice] = await ws.sync.listNotices();
    expect(notice).toMatchObject({ outcome: 'rejected', decidedBy: null });
    expect(notice!.message).toMatch(
      /^Your decision \(approved\) on visit request .* was refused by the records service: .*banned/,
    );
    expect(cachedRequest(ws, id)).toMatchObject({ status: 'pending', decided_by: null, version: 1 });
    expect(ws.checksums()).toEqual(peer.checksums());
  });

  it('refuses a decision on a request that is not pending, before it is queued', async () => {
    peer = await startPeer({ size: 'small' });
    const ws = await syncedWorkstation();
    const decided = ws.cache.sqlite
      .prepare("select id from visit_request where status = 'approved' limit 1")
      .get() as {
      id: string;
    };
    await expect(
      ws.sync.enqueueDecision({
        entity: 'visitRequest',
        recordId: decided.id,
        decision: 'denied',
        reason: null,
        actor: 'a.officer',
      }),
    ).rejects.toThrow(/already approved/);
    await expect(
      ws.sync.enqueueDecision({
        entity: 'visitRequest',
        recordId: 'vr-nope',
        decision: 'denied',
        reason: null,
        actor: 'a.officer',
      }),
    ).rejects.toThrow(/not in the workstation's records/);
    expect(ws.sync.getStatus().outboxPending).toBe(0);
  });

  it('delivers the audit trail to the service once, even when an answer is lost', async () => {
    peer = await startPeer({ size: 'small' });
    const ws = await syncedWorkstation();
    for (const id of pendingRequests(ws, 2)) {
      await ws.sync.enqueueDecision({
        entity: 'visitRequest',
        recordId: id,
        decision: 'denied',
        reason: 'capacity',
        actor: 'a.officer',
      });
    }
    peer.faults.next('/v1/audit', { kind: 'drop-reply' });
    // The events are kept, the answer lost: sent again (at once on a new connection, or next round).
    if ((await ws.sync.syncNow()).error !== null) expect((await ws.sync.syncNow()).error).toBeNull();
    expect(peer.service.requestCounts()['/v1/audit']).toBe(2);
    expect(await undeliveredAuditCount(ws.cache.db)).toBe(0);
    const written = ws.cache.sqlite.prepare('select seq, action, hash from audit order by seq').all();
    expect(peer.service.store.auditEventsOf('TEST-WS-01')).toEqual(written);
  });
});
