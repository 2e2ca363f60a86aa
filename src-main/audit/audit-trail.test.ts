import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../store/open-cache';
import type { Cache } from '../store/open-cache';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import { auditRowHash, GENESIS_HASH } from './audit-hash';
import { createAuditTrail } from './audit-trail';
import type { AuditTrail } from './audit-trail';
import { markAuditDelivered, undeliveredAudit, undeliveredAuditCount } from './upload-queue';
import { verifyAuditChain } from './verify-chain';

let dir: TempDir;
let cache: Cache;
let trail: AuditTrail;
let now: Date;

beforeEach(async () => {
  dir = makeTempDir();
  cache = await openCache({ file: dir.file('cache.sqlite'), key: randomBytes(32) });
  now = new Date('2026-03-01T10:15:30.257Z');
  trail = createAuditTrail({ db: cache.db, workstation: 'WS-INTAKE-01', clock: () => now });
});
afterEach(async () => {
  await cache.close();
  dir.remove();
});

describe('the audit trail', () => {
  it('appends events chained by hash, in UTC to the millisecond', async () => {
    const first = await trail.append({ action: 'auth.sign-in', actor: 'officer1', outcome: 'success' });
    now = new Date('2026-03-01T10:16:00.010Z');
    const second = await trail.append({
      action: 'inmate.read',
      actor: 'officer1',
      target: 'inmate:inm-000042',
      outcome: 'success',
      details: { screen: 'inmate' },
    });
    expect(first).toMatchObject({
      seq: 1,
      at: '2026-03-01T10:15:30.257Z',
      prevHash: GENESIS_HASH,
      source: 'app',
    });
    expect(second).toMatchObject({
      seq: 2,
      at: '2026-03-01T10:16:00.010Z',
      prevHash: first.hash,
      target: 'inmate:inm-000042',
    });
    const row = await cache.db.selectFrom('audit').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    expect(row.hash).toBe(auditRowHash(first.hash, row));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.details).toBe('{"screen":"inmate"}');
    expect(await verifyAuditChain(cache.db)).toEqual({ ok: true, rows: 2 });
  });

  it('never stores a secret or a raw line break', async () => {
    await trail.append({
      action: 'auth.sign-in',
      actor: 'officer1\nadmin1 signed in',
      outcome: 'failure',
      details: { password: 'Correct horse 1!', totp: '123456', reason: 'bad\r\nfactor' },
    });
    const row = await cache.db.selectFrom('audit').selectAll().executeTakeFirstOrThrow();
    const text = JSON.stringify(row);
    expect(text).not.toContain('Correct horse');
    expect(text).not.toContain('123456');
    expect(row.actor).toBe('officer1\\u000aadmin1 signed in');
    expect(JSON.parse(row.details)).toEqual({ reason: 'bad\\u000d\\u000afactor' });
  });

  it('refuses an unknown action or outcome, and an empty actor', async () => {
    await expect(
      trail.append({ action: 'made.up' as never, actor: 'a', outcome: 'success' }),
    ).rejects.toThrow(/Unknown audit action/);
    await expect(
      trail.append({ action: 'auth.sign-in', actor: 'a', outcome: 'maybe' as never }),
    ).rejects.toThrow();
    await expect(trail.append({ action: 'auth.sign-in', actor: '  ', outcome: 'success' })).rejects.toThrow(
      /actor/,
    );
  });

  it('commits with the change it records, or not at all', async () => {
    await cache.db
      .transaction()
      .execute(async (trx) => {
        await trail.append(
          {
            action: 'visit-request.decide',
            actor: 'officer1',
            target: 'visitRequest:vr-1',
            outcome: 'success',
          },
          trx,
        );
        throw new Error('the decision failed');
      })
      .catch(() => undefined);
    expect(await cache.db.selectFrom('audit').selectAll().execute()).toEqual([]);
    await trail.append({ action: 'auth.sign-in', actor: 'officer1', outcome: 'success' });
    expect(await verifyAuditChain(cache.db)).toEqual({ ok: true, rows: 1 });
  });

  it('keeps order when many events are appended at once', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        trail.append({ action: 'inmate.read', actor: `officer${i}`, outcome: 'success' }),
      ),
    );
    expect(await verifyAuditChain(cache.db)).toEqual({ ok: true, rows: 40 });
  });

  it('queues every row for upload until it is delivered', async () => {
    for (const actor of ['a', 'b', 'c'])
      await trail.append({ action: 'auth.sign-in', actor, outcome: 'success' });
    expect(await undeliveredAuditCount(cache.db)).toBe(3);
    const batch = await undeliveredAudit(cache.db, 2);
    expect(batch.map((r) => [r.seq, r.actor])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    await markAuditDelivered(
      cache.db,
      batch.map((r) => r.seq),
    );
    expect((await undeliveredAudit(cache.db)).map((r) => r.seq)).toEqual([3]);
    // Delivery never touches the rows themselves.
    expect(await verifyAuditChain(cache.db)).toEqual({ ok: true, rows: 3 });
  });

  it('refuses updates, deletes, replacements and out-of-order inserts through SQL', async () => {
    const row = await trail.append({ action: 'auth.sign-in', actor: 'officer1', outcome: 'success' });
    const sqlite = cache.sqlite;
    expect(() => sqlite.prepare("update audit set actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from audit').run()).toThrow(/append-only/);
    expect(() =>
      sqlite
        .prepare(
          `insert or replace into audit (seq, at, workstation, source, actor, action, target, outcome, details, prev_hash, hash)
           values (1, 'x', 'x', 'x', 'x', 'x', null, 'success', '{}', ?, 'x')`,
        )
        .run(GENESIS_HASH),
    ).toThrow(/append-only|in order/);
    expect(() =>
      sqlite
        .prepare(
          `insert into audit (seq, at, workstation, source, actor, action, target, outcome, details, prev_hash, hash)
           values (5, 'x', 'x', 'x', 'x', 'x', null, 'success', '{}', ?, 'x')`,
        )
        .run(row.hash),
    ).toThrow(/in order/);
    expect(await verifyAuditChain(cache.db)).toEqual({ ok: true, rows: 1 });
  });
});
