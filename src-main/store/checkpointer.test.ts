import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer';
import { openCache } from './open-cache';
import { makeTempDir } from './testing/temp-dir';
import type { TempDir } from './testing/temp-dir';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

function writeRows(cache: Awaited<ReturnType<typeof openCache>>, count: number): void {
  const insert = cache.sqlite.prepare(
    "insert into quarantine (received_at, line, reason) values ('t', ?, 'x')",
  );
  cache.sqlite.transaction(() => {
    for (let i = 0; i < count; i += 1) insert.run(`line ${i} ${randomBytes(40).toString('hex')}`);
  })();
}

describe('background checkpoints', () => {
  it('copy the WAL into the encrypted file from a worker thread', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await openCache({ file, key, checkpoints: 'background' });
    writeRows(cache, 20_000);
    // The main connection left the WAL alone (its backstop is far above this)...
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1_000_000);
    const result = await cache.checkpoint();
    // ...and the worker copied every frame into the file.
    expect(result.walFrames).toBeGreaterThan(50);
    expect(result.checkpointed).toBe(result.walFrames);
    await cache.close();
    expect(existsSync(`${file}-wal`)).toBe(false);

    const reopened = await openCache({ file, key });
    expect(reopened.sqlite.prepare('select count(*) as n from quarantine').get()).toEqual({ n: 20_000 });
    await reopened.close();
  });

  it('run on the main thread when asked for by `checkpoint()` in the default mode', async () => {
    const cache = await openCache({ file: dir.file('cache.sqlite'), key: randomBytes(32) });
    writeRows(cache, 500);
    const result = await cache.checkpoint();
    expect(result.checkpointed).toBe(result.walFrames);
    await cache.close();
  });

  it('report a worker that cannot open the cache, so the caller checkpoints itself', async () => {
    const file = dir.file('cache.sqlite');
    await (await openCache({ file, key: randomBytes(32) })).close();
    const reasons: string[] = [];
    const checkpointer = startCheckpointer({
      file,
      key: randomBytes(32),
      onUnavailable: (r) => reasons.push(r),
    });
    await expect(checkpointer.checkpoint()).rejects.toThrow(/not running \(SQLITE_NOTADB\)/);
    expect(reasons).toEqual(['SQLITE_NOTADB']);
    await checkpointer.stop();
  });
});
