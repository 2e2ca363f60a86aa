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

describe('the rollback journal for a bulk load', () => {
  const journalMode = (cache: Awaited<ReturnType<typeof openCache>>) =>
    cache.sqlite.pragma('journal_mode', { simple: true });

  it('writes straight into the encrypted file, with no WAL, then returns to WAL and its checkpoints', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await openCache({ file, key, checkpoints: 'background' });
    writeRows(cache, 1000);
    expect(await cache.useJournal('rollback')).toBe('rollback');
    expect(journalMode(cache)).toBe('truncate');
    // The WAL was folded into the file and removed on the way out of WAL mode.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const before = statSync(file).size;
    writeRows(cache, 20_000);
    expect(statSync(file).size).toBeGreaterThan(before + 1_000_000);
    expect(existsSync(`${file}-wal`)).toBe(false);
    // Nothing to checkpoint, and saying so is no error.
    expect(await cache.checkpoint()).toEqual({ walFrames: 0, checkpointed: 0 });
    // Asking twice changes nothing.
    expect(await cache.useJournal('rollback')).toBe('rollback');

    expect(await cache.useJournal('wal')).toBe('wal');
    expect(journalMode(cache)).toBe('wal');
    writeRows(cache, 2000);
    const result = await cache.checkpoint();
    expect(result.walFrames).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.walFrames);
    await cache.close();

    const reopened = await openCache({ file, key });
    expect(reopened.sqlite.prepare('select count(*) as n from quarantine').get()).toEqual({ n: 23_000 });
    expect(journalMode(reopened)).toBe('wal');
    await reopened.close();
  });

  it('keeps the WAL, and its checkpoints, while another connection has the file open', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await openCache({ file, key, checkpoints: 'background' });
    const other = await openCache({ file, key, migrate: false });
    expect(await cache.useJournal('rollback')).toBe('wal');
    expect(journalMode(cache)).toBe('wal');
    writeRows(cache, 2000);
    const result = await cache.checkpoint();
    expect(result.checkpointed).toBe(result.walFrames);
    expect(other.sqlite.prepare('select count(*) as n from quarantine').get()).toEqual({ n: 2000 });
    await other.close();
    await cache.close();
  });

  it('follows another program that opens the cache meanwhile back into WAL, checkpointing on its own', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await openCache({ file, key, checkpoints: 'background' });
    expect(await cache.useJournal('rollback')).toBe('rollback');
    // The CLI, say: its connection settings put the file in WAL.
    const other = await openCache({ file, key, migrate: false });
    await other.close();
    writeRows(cache, 500);
    expect(journalMode(cache)).toBe('wal');
    // With no worker, this connection checkpoints as SQLite does by default, not at the backstop.
    expect(cache.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(await cache.useJournal('wal')).toBe('wal');
    writeRows(cache, 2000);
    const result = await cache.checkpoint();
    expect(result.walFrames).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.walFrames);
    await cache.close();
  });

  it('is a WAL cache again when opened after a bulk load that was closed before it finished', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    const cache = await openCache({ file, key, checkpoints: 'background' });
    expect(await cache.useJournal('rollback')).toBe('rollback');
    writeRows(cache, 500);
    await cache.close();
    const reopened = await openCache({ file, key, checkpoints: 'background' });
    expect(journalMode(reopened)).toBe('wal');
    expect(reopened.sqlite.prepare('select count(*) as n from quarantine').get()).toEqual({ n: 500 });
    await reopened.close();
  });
});
