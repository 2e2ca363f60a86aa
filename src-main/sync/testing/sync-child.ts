// Test and benchmark support: a workstation process that syncs an encrypted cache from the
// records service and reports, one JSON line at a time, each committed page and the end. The
// SIGKILL test kills it at random points; the benchmark reads its time and peak memory.
// Usage: node --import tsx sync-child.ts CACHE_FILE RECORDS_URL [PAGE_LIMIT] [follow]
// The cache key (hex) and the device token come in SALLYPORT_TEST_CACHE_KEY and
// SALLYPORT_TEST_DEVICE_TOKEN: tests only; the app takes both from the keychain.
// With `follow`, the child then keeps syncing (long-poll) and answers each stdin line
// {"from","to","reason"} with {"event":"visible","at"} once the visit requests from..to carry
// that reason in the cache (the benchmark's incremental figure).
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { testPolicy } from '../../test-support/test-policy';
import { createAuditTrail } from '../../audit/audit-trail';
import { openCache } from '../../store/open-cache';
import { createSync } from '../sync-engine';
import { readSyncState } from '../sync-state';

const [file, url, pageLimit, mode] = process.argv.slice(2);
const keyHex = process.env.SALLYPORT_TEST_CACHE_KEY;
const token = process.env.SALLYPORT_TEST_DEVICE_TOKEN ?? null;
if (!file || !url || !keyHex)
  throw new Error('usage: sync-child CACHE_FILE RECORDS_URL [PAGE_LIMIT] (key in SALLYPORT_TEST_CACHE_KEY)');

function report(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

const key = Buffer.from(keyHex, 'hex');
// As the app opens it (src-main/app/boot.ts): WAL checkpoints on a worker thread.
const cache = await openCache({ file, key, checkpoints: 'background' });
key.fill(0);
const policy = testPolicy({
  records: { url, allowPlaintext: url.startsWith('http:') },
  retention: { visitDays: 3650, releasedInmateDays: 3650 },
});
const sync = createSync({
  cache,
  audit: createAuditTrail({ db: cache.db, workstation: 'CHILD-WS', source: 'sync' }),
  policy,
  deviceToken: async () => token,
  caPem: null,
  tuning: pageLimit ? { pageLimit: Number(pageLimit) } : {},
});
report({ event: 'ready', cursor: readSyncState(cache.sqlite).cursor });
const started = performance.now();
/** Seconds until every record was in the cache (the last page committed; indexes come after). */
let dataSeconds: number | null = null;
sync.onStatus((status) => {
  if (status.phase === 'syncing' && status.initial) {
    report({
      event: 'page',
      cursor: readSyncState(cache.sqlite).cursor,
      received: status.initial.received,
      ms: Math.round(performance.now() - started),
    });
    if (dataSeconds === null && status.initial.received === status.initial.expected) {
      dataSeconds = (performance.now() - started) / 1000;
    }
  }
});
const status = await sync.syncNow();
const seconds = (performance.now() - started) / 1000;
report({
  event: 'done',
  status,
  seconds,
  dataSeconds,
  // kilobytes on Linux: the process's peak resident set.
  maxRssMb: process.resourceUsage().maxRSS / 1024,
});
if (mode === 'follow') await follow();
await cache.close();

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes. */
function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

async function follow(): Promise<void> {
  const count = cache.sqlite.prepare<[string, string, string], { n: number }>(
    'select count(*) as n from visit_request where id between ? and ? and reason = ?',
  );
  let watch: { from: string; to: string; reason: string; expected: number } | null = null;
  const check = () => {
    if (watch && count.get(watch.from, watch.to, watch.reason)!.n >= watch.expected) {
      watch = null;
      report({ event: 'visible', at: epochMs() });
    }
  };
  sync.onStatus(check);
  sync.start();
  report({ event: 'following' });
  for await (const line of createInterface({ input: process.stdin })) {
    const order = JSON.parse(line) as { from: string; to: string; reason: string; expected: number };
    watch = order;
    report({ event: 'armed' });
    check();
  }
  await sync.stop();
}
