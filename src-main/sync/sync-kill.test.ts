// kill -9 during an initial sync, ten times at seeded random points, then a run to the end: the
// cache must hold exactly the service's data. Every committed page must survive each kill (the
// cursor never goes back), and nothing may be applied twice.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../store/open-cache';
import { makeTempDir } from '../store/testing/temp-dir';
import type { TempDir } from '../store/testing/temp-dir';
import { readSyncState } from './sync-state';
import { cacheChecksums } from './testing/checksum';
import { peerToken, startPeer } from './testing/records-peer';
import type { RecordsPeer } from './testing/records-peer';
import { seededRandom } from '../../src-shared/testing/seeded-random';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'sync-child.ts');
const PAGE_LIMIT = 500;

interface ChildEvent {
  readonly event: 'ready' | 'page' | 'done';
  readonly cursor?: number;
  readonly status?: { error: string | null };
}

interface ChildRun {
  /** The last cursor the child reported committed. */
  readonly lastCursor: number;
  readonly killed: boolean;
  readonly finished: boolean;
  readonly pages: number;
}

/** Runs the child; kills it with SIGKILL after `killAfterPages` committed pages plus `jitterMs`. */
function runChild(
  file: string,
  url: string,
  key: Buffer,
  kill: { afterPages: number; jitterMs: number } | null,
) {
  return new Promise<ChildRun>((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, file, url, String(PAGE_LIMIT)], {
      env: {
        ...process.env,
        SALLYPORT_TEST_CACHE_KEY: key.toString('hex'),
        SALLYPORT_TEST_DEVICE_TOKEN: peerToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    let stderr = '';
    let lastCursor = 0;
    let pages = 0;
    let finished = false;
    let killing = false;
    const killNow = () => {
      if (!killing) {
        killing = true;
        setTimeout(() => process_.kill('SIGKILL'), kill!.jitterMs);
      }
    };
    process_.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    process_.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const event = JSON.parse(line) as ChildEvent;
        if (event.event === 'page') {
          pages += 1;
          lastCursor = event.cursor!;
        }
        if (event.event === 'done') {
          finished = true;
          if (event.status?.error) reject(new Error(`the child's sync failed: ${event.status.error}`));
        }
        if (
          kill &&
          (event.event === 'ready'
            ? kill.afterPages === 0
            : event.event === 'page' && pages >= kill.afterPages)
        )
          killNow();
      }
    });
    process_.on('error', reject);
    process_.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lastCursor, killed: true, finished, pages });
      else if (code === 0) resolve({ lastCursor, killed: false, finished, pages });
      else reject(new Error(`the child stopped with code ${code}: ${stderr}`));
    });
  });
}

let peer: RecordsPeer;
let dir: TempDir;
beforeAll(async () => {
  peer = await startPeer({ size: 'medium' });
  dir = makeTempDir('sallyport-sync-kill-');
}, 60_000);
afterAll(async () => {
  await peer?.close();
  dir?.remove();
});

describe('an initial sync killed with SIGKILL', () => {
  it('resumes from the last committed page, ten kills in a row, and ends equal to the service', async () => {
    const file = dir.file('cache.sqlite');
    const key = randomBytes(32);
    // The kill points are random, but the same on every run.
    const random = seededRandom(20260302);
    const head = peer.service.headSeq();
    let committed = 0;
    let killedMidSync = 0;
    for (let kill = 0; kill < 10; kill += 1) {
      // Anywhere from before the first page to a third of what is left, and anywhere inside a page.
      const pagesLeft = Math.ceil((head - committed) / PAGE_LIMIT);
      const afterPages = Math.floor(random() * Math.max(1, pagesLeft / 3));
      const run = await runChild(file, peer.url, key, { afterPages, jitterMs: Math.floor(random() * 40) });
      if (run.killed && !run.finished) killedMidSync += 1;
      const cache = await openCache({ file, key });
      const state = readSyncState(cache.sqlite);
      await cache.close();
      // What the child reported committed survived the kill; the cursor never went back.
      expect(state.cursor).toBeGreaterThanOrEqual(Math.max(committed, run.lastCursor));
      committed = state.cursor;
    }
    expect(killedMidSync).toBeGreaterThanOrEqual(8);

    const last = await runChild(file, peer.url, key, null);
    expect(last).toMatchObject({ killed: false, finished: true });
    const cache = await openCache({ file, key });
    const fresh = await openCache({ file: dir.file('fresh.sqlite'), key: randomBytes(32) });
    try {
      expect(readSyncState(cache.sqlite)).toMatchObject({ cursor: peer.service.headSeq(), upToDate: true });
      expect(cacheChecksums(cache.sqlite)).toEqual(peer.checksums());
      // Every index the bulk load set aside was built again, however often it was interrupted.
      const indexes = "select name, sql from sqlite_master where type = 'index' order by name";
      expect(cache.sqlite.prepare(indexes).all()).toEqual(fresh.sqlite.prepare(indexes).all());
    } finally {
      await cache.close();
      await fresh.close();
    }
  }, 180_000);
});
