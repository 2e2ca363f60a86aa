// Child process for the kill -9 test: opens the cache (key in SALLYPORT_TEST_KEY, hex; checkpoint
// mode in SALLYPORT_TEST_CHECKPOINTS), commits one row at a time and prints "committed <n>" only
// after each commit has returned.
import { writeSync } from 'node:fs';
import { openCache } from '../open-cache';

const file = process.argv[2];
const keyHex = process.env.SALLYPORT_TEST_KEY ?? '';
if (!file || keyHex.length !== 64) {
  process.stderr.write('usage: durability-writer <cache file> (key in SALLYPORT_TEST_KEY)\n');
  process.exit(2);
}
const checkpoints = process.env.SALLYPORT_TEST_CHECKPOINTS === 'background' ? 'background' : 'auto';
const cache = await openCache({ file, key: Buffer.from(keyHex, 'hex'), checkpoints });
const insert = cache.sqlite.prepare(
  `insert into quarantine (received_at, line, reason) values (?, ?, 'durability test')`,
);
writeSync(1, 'ready\n');
for (let n = 1; ; n += 1) {
  insert.run(new Date().toISOString(), `row ${n}`);
  // A synchronous write: the line has left this process before the next commit starts.
  writeSync(1, `committed ${n}\n`);
  if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
