// Tampering with the trail in the raw database, as someone holding the key could: triggers
// dropped, rows edited, deleted, reordered. Each time the first broken row is named.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../store/open-cache';
import { openRawCache } from '../store/testing/raw-cache';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import { auditRowHash } from './audit-hash';
import { tamper, writeTrail } from './testing/audit-fixtures';
import { verifyAuditChain } from './verify-chain';
import type { AuditChainReport } from './verify-chain';

let dir: TempDir;
let file: string;
let key: Buffer;

async function verify(): Promise<AuditChainReport> {
  const cache = await openCache({ file, key });
  try {
    return await verifyAuditChain(cache.db);
  } finally {
    await cache.close();
  }
}

beforeEach(async () => {
  dir = makeTempDir();
  file = dir.file('cache.sqlite');
  key = randomBytes(32);
  await writeTrail(file, key, 10);
});
afterEach(() => dir.remove());

describe('verifyAuditChain', () => {
  it('accepts an untouched trail', async () => {
    expect(await verify()).toEqual({ ok: true, rows: 10 });
  });

  it('names an edited row', async () => {
    tamper(file, key, "update audit set outcome = 'success' where seq = 5");
    expect(await verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 5,
      rows: 4,
      reason: 'row 5 was changed after it was written',
    });
  });

  it('names a row whose details were edited', async () => {
    tamper(file, key, `update audit set details = '{"n":99}' where seq = 7`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 7 });
  });

  it('names the row after an edit whose hash was recomputed', async () => {
    const raw = openRawCache(file, key);
    raw.exec('drop trigger audit_refuse_update');
    const row = raw.prepare('select * from audit where seq = 4').get() as Parameters<
      typeof auditRowHash
    >[1] & { prev_hash: string };
    const forged = { ...row, actor: 'nobody' };
    raw
      .prepare('update audit set actor = ?, hash = ? where seq = 4')
      .run('nobody', auditRowHash(row.prev_hash, forged));
    raw.close();
    expect(await verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 5,
      reason: expect.stringMatching(/does not link to row 4/),
    });
  });

  it('names a deleted row', async () => {
    tamper(file, key, 'delete from audit_upload where seq = 6; delete from audit where seq = 6');
    expect(await verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 6,
      reason: expect.stringMatching(/row 6 is missing/),
    });
  });

  it('names the first row when the oldest rows are deleted', async () => {
    tamper(file, key, 'delete from audit_upload where seq <= 2; delete from audit where seq <= 2');
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  it('names the missing rows when the newest are deleted', async () => {
    tamper(file, key, 'delete from audit_upload where seq >= 9; delete from audit where seq >= 9');
    expect(await verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 9,
      reason: expect.stringMatching(/rows 9 to 10 are missing/),
    });
  });

  it('names reordered rows', async () => {
    tamper(
      file,
      key,
      `pragma foreign_keys = off;
       update audit set seq = 1000 where seq = 3;
       update audit set seq = 3 where seq = 8;
       update audit set seq = 8 where seq = 1000;`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('names rows swapped with their seq kept in place', async () => {
    const raw = openRawCache(file, key);
    raw.exec('drop trigger audit_refuse_update');
    const columns = [
      'at',
      'workstation',
      'source',
      'actor',
      'action',
      'target',
      'outcome',
      'details',
      'prev_hash',
      'hash',
    ];
    const a = raw.prepare('select * from audit where seq = 4').get() as Record<string, unknown>;
    const b = raw.prepare('select * from audit where seq = 5').get() as Record<string, unknown>;
    const update = raw.prepare(
      `update audit set ${columns.map((c) => `${c} = @${c}`).join(', ')} where seq = @seq`,
    );
    update.run({ ...b, seq: 4 });
    update.run({ ...a, seq: 5 });
    raw.close();
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('names a row added outside Sallyport', async () => {
    const raw = openRawCache(file, key);
    raw.exec('drop trigger audit_append_in_order; drop trigger audit_after_insert');
    const last = raw.prepare('select hash from audit where seq = 10').get() as { hash: string };
    const content = {
      seq: 11,
      at: '2026-03-01T09:00:00.000Z',
      workstation: 'WS-01',
      source: 'app',
      actor: 'ghost',
      action: 'auth.sign-in',
      target: null,
      outcome: 'success',
      details: '{}',
    };
    raw
      .prepare(
        `insert into audit (seq, at, workstation, source, actor, action, target, outcome, details, prev_hash, hash)
         values (@seq, @at, @workstation, @source, @actor, @action, @target, @outcome, @details, @prev_hash, @hash)`,
      )
      .run({ ...content, prev_hash: last.hash, hash: auditRowHash(last.hash, content) });
    raw.close();
    expect(await verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 11,
      reason: expect.stringMatching(/outside Sallyport/),
    });
  });
});
