// The sync's figures (issue 5), against the real records service on loopback:
//   sync.initial_rows_per_s, sync.initial_s: initial sync of the 'large' facility into an empty
//     encrypted cache, in a workstation process of its own (src-main/sync/testing/sync-child.ts,
//     bundled with its feed worker as the app is, so no TypeScript is compiled while it runs),
//     from the first request until the cache is up to date (median of the runs).
//   sync.initial_peak_rss_mb: that process's peak resident memory (largest of the runs).
//   sync.initial_data_s: within the initial sync, the time until every record is in the cache
//     (the last page committed); the set-aside indexes are built after it (median of the runs).
//   sync.pipeline_efficiency: sync rows/s over store.insert_rows_per_s measured here the way
//     bench/store.bench.ts does (500,000 visits, one transaction, encrypted cache).
//   sync.incremental_ms: 1,000 visit requests changed at the service (one commit) until all are
//     visible in a query of the following workstation's cache (median of the rounds).
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { VisitRequest } from '../src-shared/domain/records';
import { seedRecordsService } from '../src-facility/records-service/seed-records-service';
import { startRecordsService } from '../src-facility/records-service/records-service';
import type { RecordsService } from '../src-facility/records-service/records-service';
import { entityColumns } from '../src-main/store/entity-rows';
import { openCache } from '../src-main/store/open-cache';
import type { BenchContext, Metrics } from './bench-types';
import { bundleForNode } from './bundle';
import { realisticVisitRows } from './visit-rows';
import { median } from './stats';

const here = path.dirname(fileURLToPath(import.meta.url));
const sync = path.join(here, '..', 'src-main', 'sync');
const TOKEN = 'bench-device-token-0123456789abcdef';
const INITIAL_RUNS = 3;
const INCREMENTAL_ROUNDS = 7;
const CHANGED = 1000;
const STORE_ROWS = 500_000;
const SEED = 20_260_301;
const TODAY = '2026-03-01';

interface ChildEvent {
  readonly event: string;
  readonly seconds?: number;
  readonly dataSeconds?: number | null;
  readonly maxRssMb?: number;
  readonly at?: number;
  readonly status?: { error: string | null; initial: { received: number; expected: number | null } | null };
}

export default async function run(context: BenchContext): Promise<Metrics> {
  const service = await startRecordsService({
    dbPath: path.join(context.workDir, 'records.sqlite'),
    deviceToken: TOKEN,
    log: (message) => context.log(`records service: ${message}`),
  });
  try {
    const child = await buildChild(context.workDir);
    const seeded = seedRecordsService(service, { size: 'large', seed: SEED, today: TODAY });
    context.log(`records service seeded with the 'large' facility: ${seeded.records} records`);

    const runs: { seconds: number; dataSeconds: number; rows: number; rssMb: number }[] = [];
    let follower: Follower | null = null;
    for (let round = 0; round < INITIAL_RUNS; round += 1) {
      const file = path.join(context.workDir, `cache-${round}.sqlite`);
      const last = round === INITIAL_RUNS - 1;
      const started = startChild(child, file, service.url, last);
      const done = await started.next('done');
      const initial = done.status?.initial;
      if (done.status?.error || !initial) throw new Error(`the initial sync failed: ${done.status?.error}`);
      const dataSeconds = done.dataSeconds ?? done.seconds!;
      runs.push({ seconds: done.seconds!, dataSeconds, rows: initial.received, rssMb: done.maxRssMb! });
      context.log(
        `initial sync ${round + 1}: ${initial.received} records in ${done.seconds!.toFixed(2)} s ` +
          `(all in the cache at ${dataSeconds.toFixed(2)} s), peak RSS ${done.maxRssMb!.toFixed(0)} MB`,
      );
      if (last) follower = started;
      else {
        await started.exited;
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      }
    }
    const incremental = await measureIncremental(context, service, follower!);
    const store = await measureStoreInsert(context);
    const seconds = median(runs.map((r) => r.seconds));
    const rowsPerS = runs[0]!.rows / seconds;
    return {
      'sync.initial_rows_per_s': { value: Math.round(rowsPerS), unit: 'rows/s' },
      'sync.initial_s': { value: round3(seconds), unit: 's' },
      'sync.initial_data_s': { value: round3(median(runs.map((r) => r.dataSeconds))), unit: 's' },
      'sync.initial_peak_rss_mb': { value: Math.round(Math.max(...runs.map((r) => r.rssMb))), unit: 'MB' },
      'sync.pipeline_efficiency': { value: round3(rowsPerS / store), unit: 'ratio' },
      'sync.incremental_ms': { value: Math.round(incremental * 10) / 10, unit: 'ms' },
    };
  } finally {
    await service.close();
  }
}

interface Follower {
  readonly process: ChildProcessWithoutNullStreams;
  next(event: string): Promise<ChildEvent>;
  readonly exited: Promise<void>;
}

/**
 * The workstation process as the app runs its code: one bundle, with the feed worker's bundle
 * beside it (feed-pages.ts starts it from there), as scripts/build.mjs makes them for the app.
 */
async function buildChild(workDir: string): Promise<string> {
  const child = path.join(workDir, 'sync-child.js');
  await Promise.all([
    bundleForNode(path.join(sync, 'testing', 'sync-child.ts'), child),
    bundleForNode(path.join(sync, 'feed-worker.ts'), path.join(workDir, 'feed-worker.js'), 'bundled'),
  ]);
  return child;
}

function startChild(child: string, file: string, url: string, follow: boolean): Follower {
  const process_ = spawn(process.execPath, [child, file, url, '', ...(follow ? ['follow'] : [])], {
    env: {
      ...process.env,
      SALLYPORT_TEST_CACHE_KEY: randomBytes(32).toString('hex'),
      SALLYPORT_TEST_DEVICE_TOKEN: TOKEN,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const waiting = new Map<string, (event: ChildEvent) => void>();
  let stderr = '';
  process_.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve, reject) => {
    process_.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`the workstation process stopped with code ${code}: ${stderr}`));
      for (const wake of waiting.values()) wake({ event: 'exit' });
    });
  });
  exited.catch(() => undefined);
  void (async () => {
    for await (const line of createInterface({ input: process_.stdout })) {
      const event = JSON.parse(line) as ChildEvent;
      waiting.get(event.event)?.(event);
      waiting.delete(event.event);
    }
  })();
  return {
    process: process_,
    exited,
    next: (event) =>
      new Promise((resolve, reject) => {
        waiting.set(event, (got) =>
          got.event === 'exit' ? reject(new Error(stderr || 'the child exited')) : resolve(got),
        );
      }),
  };
}

async function measureIncremental(
  context: BenchContext,
  service: RecordsService,
  follower: Follower,
): Promise<number> {
  await follower.next('following');
  const ids = Array.from({ length: CHANGED }, (_, index) => `vr-${String(index + 1).padStart(7, '0')}`);
  const samples: number[] = [];
  for (let round = 0; round < INCREMENTAL_ROUNDS; round += 1) {
    const reason = `bench round ${round}`;
    const armed = follower.next('armed');
    follower.process.stdin.write(
      `${JSON.stringify({ from: ids[0], to: ids.at(-1), reason, expected: CHANGED })}\n`,
    );
    await armed;
    const visible = follower.next('visible');
    // One commit of 1,000 changed records; the clock starts once it is committed.
    service.store.transaction(() => {
      for (const id of ids) {
        const current = service.store.get('visitRequest', id)!.data as VisitRequest;
        service.store.upsert('visitRequest', { ...current, reason });
      }
    });
    const committedAt = performance.timeOrigin + performance.now();
    const { at } = await visible;
    samples.push(at! - committedAt);
  }
  follower.process.stdin.end();
  await follower.exited;
  context.log(`incremental ms: ${samples.map((ms) => ms.toFixed(1)).join(' ')}`);
  return median(samples);
}

/** store.insert_rows_per_s as bench/store.bench.ts measures it, in this run (one round). */
async function measureStoreInsert(context: BenchContext): Promise<number> {
  const rows = realisticVisitRows(STORE_ROWS);
  const columns = entityColumns('visit');
  const file = path.join(context.workDir, 'store-insert.sqlite');
  const cache = await openCache({ file, key: randomBytes(32) });
  const statement = cache.sqlite.prepare(
    `insert into visit (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  );
  const started = performance.now();
  cache.sqlite.transaction(() => {
    for (const row of rows) statement.run(row);
  })();
  const rowsPerS = (STORE_ROWS / (performance.now() - started)) * 1000;
  await cache.close();
  context.log(`store insert (500,000 visits, encrypted): ${Math.round(rowsPerS)} rows/s`);
  return rowsPerS;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
