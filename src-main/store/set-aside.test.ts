import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countPendingOutbox, countUnsentDecisions } from './outbox';
import { openCache } from './open-cache';
import { setAsideCache } from './set-aside';
import { makeTempDir } from './testing/temp-dir';
import type { TempDir } from './testing/temp-dir';
import { writeUntilKilled } from './testing/write-until-killed';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const at = () => new Date('2026-03-01T10:15:30.250Z');

describe('setAsideCache', () => {
  it('renames the cache and its WAL together, deletes nothing, and the set-aside copy still opens', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    // A killed writer leaves a WAL behind: the newest commits live only there.
    const acknowledged = await writeUntilKilled(file, key, 100);
    expect(existsSync(`${file}-wal`)).toBe(true);

    const result = setAsideCache(file, at);
    expect(result.file).toBe(`${file}.damaged-20260301T101530250Z`);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${result.file}-wal`)).toBe(true);
    expect(result.renamed.map((r) => r.to)).toContain(result.file);

    const kept = await openCache({ file: result.file, key, mustExist: true });
    const count = kept.sqlite.prepare('select count(*) as n from quarantine').get() as { n: number };
    expect(count.n).toBeGreaterThanOrEqual(acknowledged.length);
    await kept.close();

    // A fresh cache can now be made under the old name.
    await (await openCache({ file, key: randomBytes(32) })).close();
  });

  it('never overwrites an earlier set-aside file', () => {
    const file = dir.file('cache.sqlite');
    writeFileSync(file, 'first');
    const first = setAsideCache(file, at);
    writeFileSync(file, 'second');
    const second = setAsideCache(file, at);
    expect(second.file).not.toBe(first.file);
    expect(readdirSync(dir.path).sort()).toEqual(
      ['cache.sqlite.damaged-20260301T101530250Z', 'cache.sqlite.damaged-20260301T101530250Z-2'].sort(),
    );
  });
});

describe('the outbox before a rebuild', () => {
  it('counts decisions not yet sent, and says when it cannot tell', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await openCache({ file, key });
    const decision = (id: string, status: 'pending' | 'conflict') => ({
      id,
      kind: 'decide',
      entity: 'visitRequest',
      record_id: 'vr-1',
      actor: 'officer1',
      mutation: '{}',
      created_at: '2026-03-01T10:00:00.000Z',
      status,
    });
    await cache.db
      .insertInto('outbox')
      .values([
        decision('0b7f0a52-3c55-4a32-8f0b-111111111111', 'pending'),
        decision('0b7f0a52-3c55-4a32-8f0b-222222222222', 'pending'),
        decision('0b7f0a52-3c55-4a32-8f0b-333333333333', 'conflict'),
      ])
      .execute();
    expect(await countPendingOutbox(cache.db)).toBe(2);
    await cache.close();

    expect(await countUnsentDecisions(file, key)).toBe(2);
    expect(await countUnsentDecisions(file, randomBytes(32))).toBeNull();
    expect(await countUnsentDecisions(dir.file('missing.sqlite'), key)).toBeNull();
    expect(existsSync(dir.file('missing.sqlite'))).toBe(false);
  });
});
