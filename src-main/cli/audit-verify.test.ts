// `sallyport audit verify` against real caches whose key sits in a real gnome-keyring (run under
// the README's dbus-run-session test command). Tampering is done in the raw database.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tamper, writeTrail } from '../audit/testing/audit-fixtures';
import { verifyAuditChain } from '../audit/verify-chain';
import type { Keychain } from '../keychain/keychain';
import { openCache } from '../store/open-cache';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import { runAuditVerify } from './audit-verify';
import { EXIT_FAILED, EXIT_OK } from './cli-context';
import { captureContext, runSallyport, testKeychain } from './testing/cli-harness';

let dir: TempDir;
let keychain: Keychain;
let file: string;
let key: Buffer;

beforeEach(async () => {
  dir = makeTempDir('sallyport-cli-');
  keychain = testKeychain(`Sallyport-test-${randomBytes(6).toString('hex')}`);
  file = dir.file('cache.sqlite');
  key = await keychain.getOrCreateCacheKey();
  await writeTrail(file, key, 12);
});
afterEach(async () => {
  await keychain.deleteCacheKey();
  dir.remove();
});

describe('sallyport audit verify (in process)', () => {
  it('reports an intact trail with its row count, exits 0, and records that it looked', async () => {
    const { context, out } = captureContext({
      keychain: () => keychain,
      clock: () => new Date('2026-03-02T09:00:00.000Z'),
    });
    expect(await runAuditVerify({ cache: file }, context)).toBe(EXIT_OK);
    expect(out).toEqual([`ok   audit trail in ${file}: 12 rows, chain intact`]);

    const cache = await openCache({ file, key });
    const last = await cache.db
      .selectFrom('audit')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({
      seq: 13,
      action: 'audit.verify',
      actor: 'it-tester',
      source: 'cli',
      outcome: 'success',
    });
    expect(await verifyAuditChain(cache.db)).toEqual({ ok: true, rows: 13 });
    await cache.close();
  });

  it('says clearly when there is no cache, and makes no key for it', async () => {
    const other = testKeychain(`Sallyport-test-${randomBytes(6).toString('hex')}`);
    const { context, err } = captureContext({ keychain: () => other });
    expect(await runAuditVerify({ cache: dir.file('none.sqlite') }, context)).toBe(EXIT_FAILED);
    expect(err[0]).toMatch(/^FAIL audit trail: There is no cache at /);
    expect(await other.getCacheKey()).toBeNull();
    expect(existsSync(dir.file('none.sqlite'))).toBe(false);
  });
});

describe('sallyport audit verify (child process)', () => {
  const env = () => ({ SALLYPORT_KEYCHAIN_SERVICE: keychain.service });

  it('exits 0 on an intact trail', async () => {
    const result = await runSallyport(['audit', 'verify', '--cache', file], env());
    expect(result).toMatchObject({ code: 0, stdout: `ok   audit trail in ${file}: 12 rows, chain intact\n` });
  });

  const tampering: [string, string, number, RegExp][] = [
    [
      'an edited row',
      "update audit set actor = 'someone-else' where seq = 7",
      7,
      /row 7 was changed after it was written/,
    ],
    [
      'a deleted row',
      'delete from audit_upload where seq = 4; delete from audit where seq = 4',
      4,
      /row 4 is missing/,
    ],
    [
      'reordered rows',
      `pragma foreign_keys = off;
       update audit set seq = 1000 where seq = 5; update audit set seq = 5 where seq = 9; update audit set seq = 9 where seq = 1000;`,
      5,
      /row 5 does not link to row 4/,
    ],
  ];
  for (const [what, edit, firstBroken, reason] of tampering) {
    it(`names the first broken row after ${what}, and exits non-zero`, async () => {
      tamper(file, key, edit);
      const result = await runSallyport(['audit', 'verify', '--cache', file], env());
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`FAIL audit trail in ${file}: first broken row ${firstBroken}: `);
      expect(result.stdout).toMatch(reason);
    });
  }

  it('answers a wrong key with the cache error and exits non-zero', async () => {
    await keychain.deleteCacheKey();
    await keychain.getOrCreateCacheKey();
    const result = await runSallyport(['audit', 'verify', '--cache', file], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FAIL audit trail: The cache .* is encrypted with a different key/);
  });
});
