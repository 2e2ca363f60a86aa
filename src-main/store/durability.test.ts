// Power-loss durability as far as a test can reach: a child process commits rows one by one and
// says so after each commit; it is killed with SIGKILL mid-stream; every row it acknowledged is
// in the cache when it is opened again.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from './open-cache';
import { makeTempDir } from './testing/temp-dir';
import { writeUntilKilled } from './testing/write-until-killed';
import type { TempDir } from './testing/temp-dir';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe('durability', () => {
  for (const checkpoints of ['auto', 'background'] as const) {
    it(`keeps every acknowledged commit through a kill -9 (checkpoints: ${checkpoints})`, async () => {
      const file = dir.file('cache.sqlite');
      const key = randomBytes(32);
      const acknowledged = await writeUntilKilled(file, key, 300, checkpoints);
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);

      const cache = await openCache({ file, key });
      const rows = cache.sqlite.prepare('select line from quarantine').all() as { line: string }[];
      const present = new Set(rows.map((row) => row.line));
      const lost = acknowledged.filter((n) => !present.has(`row ${n}`));
      expect(lost).toEqual([]);
      await cache.close();
    });
  }
});
