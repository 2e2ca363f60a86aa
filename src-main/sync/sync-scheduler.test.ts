// The loop around the sync: long-polls so a change shows within a second, wakes for a decision,
// backs off with jitter (honouring Retry-After) when the service fails, and stops — without a
// storm of requests — when the device token is refused. Only the backoff test fakes time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokenRefusedMessage } from './sync-error';
import { peerToken, startPeer } from './testing/records-peer';
import type { RecordsPeer } from './testing/records-peer';
import { openTestWorkstation } from './testing/test-workstation';
import type { TestWorkstation } from './testing/test-workstation';

let peer: RecordsPeer | undefined;
let workstation: TestWorkstation | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await workstation?.close();
  await peer?.close();
  workstation = undefined;
  peer = undefined;
});

function requests(): number {
  return Object.values(peer!.service.requestCounts()).reduce((sum, count) => sum + count, 0);
}

/** Lets real I/O run until `condition` holds; works with faked timers (setImmediate is real). */
async function until(condition: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the sync loop', () => {
  it('gets a change made at the service through the request already parked on the feed', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url, tuning: { longPollSeconds: 30 } });
    workstation.sync.start();
    await until(
      () => workstation!.sync.getStatus().phase === 'idle' && peer!.service.waitingPolls() === 1,
      'the long-poll',
    );
    const before = workstation.sync.getStatus().changesApplied;
    const parkedRequests = peer.service.requestCounts()['/v1/changes'];
    let requestsWhenApplied: number | undefined;
    workstation.sync.onStatus((status) => {
      if (status.changesApplied > before)
        requestsWhenApplied ??= peer!.service.requestCounts()['/v1/changes'];
    });

    peer.service.upsert('staff', {
      id: 'stf-late',
      username: 'l.ate',
      displayName: 'Late Shift',
      role: 'officer',
      active: true,
    });
    // A 30-second wait: only the parked request answering at once can bring the change this soon.
    await until(() => requestsWhenApplied !== undefined, 'the change', 10_000);
    expect(requestsWhenApplied).toBe(parkedRequests);
    expect(workstation.sync.getStatus().changesApplied).toBe(before + 1);
    expect(
      workstation.cache.sqlite.prepare("select username from staff where id = 'stf-late'").get(),
    ).toEqual({
      username: 'l.ate',
    });
  });

  it('sends a decision at once instead of waiting for the long-poll to end', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url, tuning: { longPollSeconds: 30 } });
    workstation.sync.start();
    await until(() => peer!.service.waitingPolls() === 1, 'the long-poll');
    const { id } = workstation.cache.sqlite
      .prepare("select id from visit_request where status = 'pending' limit 1")
      .get() as {
      id: string;
    };
    await workstation.sync.enqueueDecision({
      entity: 'visitRequest',
      recordId: id,
      decision: 'denied',
      reason: null,
      actor: 'a.officer',
    });
    // The long-poll waits 30 s: the decision going out well before that means it woke the loop.
    await until(() => peer!.service.mutationCount() === 1, 'the decision at the service', 10_000);
    await until(() => workstation!.sync.getStatus().outboxPending === 0, 'an empty outbox', 10_000);
    // The decision came back through the feed as the service's version 2.
    await until(
      () =>
        (
          workstation!.cache.sqlite.prepare('select version from visit_request where id = ?').get(id) as {
            version: number;
          }
        ).version === 2,
      'the decided record',
      10_000,
    );
  });

  it('stops on a refused device token, says so, and sends nothing more until the token changes', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({
      url: peer.url,
      token: 'not-the-provisioned-token-000000',
      tuning: { tokenCheckMs: 20 },
    });
    workstation.sync.start();
    await until(() => workstation!.sync.getStatus().phase === 'blocked', 'the stop');
    expect(workstation.sync.getStatus()).toMatchObject({
      online: false,
      error: tokenRefusedMessage,
      nextRetryAt: null,
    });
    expect(tokenRefusedMessage).toBe(
      "The records service refused this workstation's device token. Ask IT to provision it again.",
    );
    expect(requests()).toBe(1);
    // Half a second of keychain checks (every 20 ms) and not one request.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requests()).toBe(1);

    // A manual retry asks once more, and stops again.
    const status = await workstation.sync.syncNow();
    expect(status).toMatchObject({ phase: 'blocked', error: tokenRefusedMessage });
    expect(requests()).toBe(2);

    // IT provisions the token again: the loop notices by itself and syncs.
    workstation.setToken(peerToken);
    await until(() => workstation!.sync.getStatus().phase === 'idle', 'the sync after the new token');
    expect(workstation.sync.getStatus()).toMatchObject({ online: true, error: null });
    expect(workstation.checksums()).toEqual(peer.checksums());
  });

  it('says so when the keychain holds no device token, and sends nothing', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url, token: null });
    const status = await workstation.sync.syncNow();
    expect(status).toMatchObject({ phase: 'blocked', online: false });
    expect(status.error).toMatch(/no device token.*Ask IT to provision it/);
    expect(requests()).toBe(0);
  });

  it('backs off exponentially with full jitter, and waits at least as long as Retry-After', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'));
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({
      url: peer.url,
      random: () => 0.5,
      tuning: { backoff: { baseMs: 1000, capMs: 8000 } },
    });
    peer.faults.always('/v1/changes', { kind: 'status', status: 503, retryAfter: '7' });
    workstation.sync.start();

    const nextDelay = async (attempt: number): Promise<number> => {
      await until(
        () =>
          peer!.faults.seen('/v1/changes') === attempt && workstation!.sync.getStatus().phase === 'retrying',
        `attempt ${attempt}`,
      );
      return Date.parse(workstation!.sync.getStatus().nextRetryAt!) - Date.now();
    };
    // Retry-After 7 s beats the jittered 0.5 s.
    expect(await nextDelay(1)).toBe(7000);
    await vi.advanceTimersByTimeAsync(6999);
    expect(peer.faults.seen('/v1/changes')).toBe(1);
    // Without Retry-After: half (the random) of the ceiling, which doubles up to the cap: 2, 4, 8, 8, 8 s.
    peer.faults.always('/v1/changes', { kind: 'status', status: 500 });
    await vi.advanceTimersByTimeAsync(1);
    const delays: number[] = [];
    for (let attempt = 2; attempt <= 6; attempt += 1) {
      delays.push(await nextDelay(attempt));
      if (attempt < 6) await vi.advanceTimersByTimeAsync(delays.at(-1)!);
    }
    expect(delays).toEqual([1000, 2000, 4000, 4000, 4000]);
    expect(workstation.sync.getStatus()).toMatchObject({ online: false, phase: 'retrying' });
    expect(workstation.sync.getStatus().error).toMatch(/failed \(HTTP 500\)/);

    // The service recovers: the next attempt syncs, and the failures are forgotten.
    peer.faults.clear();
    await vi.advanceTimersByTimeAsync(4000);
    await until(() => workstation!.sync.getStatus().phase === 'idle', 'recovery');
    expect(workstation.sync.getStatus()).toMatchObject({ online: true, error: null, nextRetryAt: null });
  });

  it('stops in the middle of a long-poll without waiting for it', async () => {
    peer = await startPeer({ size: 'small' });
    // Longer than the test's own time limit: only hanging up ends this wait.
    workstation = await openTestWorkstation({ url: peer.url, tuning: { longPollSeconds: 60 } });
    workstation.sync.start();
    await until(() => peer!.service.waitingPolls() === 1, 'the long-poll');
    await workstation.sync.stop();
    expect(workstation.sync.getStatus().phase).toBe('stopped');
    await until(() => peer!.service.waitingPolls() === 0, 'the service to see the hang-up');
  });

  it('syncs on demand after a stop, as before a start', async () => {
    peer = await startPeer({ size: 'small' });
    workstation = await openTestWorkstation({ url: peer.url, tuning: { longPollSeconds: 60 } });
    workstation.sync.start();
    await until(() => peer!.service.waitingPolls() === 1, 'the long-poll');
    await workstation.sync.stop();

    peer.service.upsert('staff', {
      id: 'stf-after-stop',
      username: 'a.fter',
      displayName: 'After Stop',
      role: 'officer',
      active: true,
    });
    const status = await workstation.sync.syncNow();
    expect(status).toMatchObject({ phase: 'idle', online: true, error: null });
    expect(
      workstation.cache.sqlite.prepare("select username from staff where id = 'stf-after-stop'").get(),
    ).toEqual({ username: 'a.fter' });
  });
});
