// The cache's figures (issue 3):
//   store.insert_rows_per_s / store.insert_rows_per_s_plain: 500,000 realistic visit rows in one
//     transaction with a prepared statement, into the real schema (all its visit indexes), in an
//     encrypted cache and in a plain SQLite file of the same page size and settings; five rounds
//     each, alternating, and each figure is the median round (wall clock; CPU time is logged).
//     Both run as the app does, with WAL checkpoints off the writing thread (checkpointer.ts).
//   store.encryption_overhead: time encrypted / time plain (goal at most 1.25).
//   store.checkpoint_ms / store.checkpoint_ms_plain: the checkpoint of those rows that follows,
//     on the worker thread (it decrypts and re-encrypts every page), and its plain counterpart;
//     store.encryption_overhead_with_checkpoint counts both parts, so no work goes unmeasured.
//   store.search_p95_ms: 1,000 mixed inmate searches over the 'large' facility (20,000 inmates).
//   store.open_ms: open the 'large' cache with its key and check its migrations, as the app opens
//     it (checkpoint worker started, not waited for); the median of 20.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely } from 'kysely';
import { entityOrder, generateFacility } from '../src-facility/generate/generate-facility';
import { CacheDialect } from '../src-main/store/cache-dialect';
import { CIPHER_PAGE_SIZE } from '../src-main/store/cipher';
import { applyConnectionSettings, BACKSTOP_CHECKPOINT_PAGES } from '../src-main/store/connection-settings';
import { entityColumns, prepareUpsert } from '../src-main/store/entity-rows';
import { createInmateSearch } from '../src-main/store/inmate-search';
import { migrateToLatest } from '../src-main/store/migrate';
import { migrations } from '../src-main/store/migrations/index';
import { openCache } from '../src-main/store/open-cache';
import type { BenchContext, Metrics } from './bench-types';
import { realisticVisitRows } from './visit-rows';
import { median, percentile } from './stats';

const VISIT_ROWS = 500_000;
const INSERT_ROUNDS = 5;
const SEARCHES = 1000;
const WARM_UP_SEARCHES = 100;
const OPENS = 20;
const SEED = 20_260_301;
const TODAY = '2026-03-01';

export default async function run(context: BenchContext): Promise<Metrics> {
  const insert = await measureInserts(context);
  const { searchP95, openMs } = await measureLargeCache(context);
  return {
    'store.insert_rows_per_s': { value: Math.round((VISIT_ROWS / insert.encrypted) * 1000), unit: 'rows/s' },
    'store.insert_rows_per_s_plain': {
      value: Math.round((VISIT_ROWS / insert.plain) * 1000),
      unit: 'rows/s',
    },
    'store.encryption_overhead': { value: round(insert.encrypted / insert.plain, 3), unit: 'ratio' },
    'store.checkpoint_ms': { value: Math.round(insert.checkpointEncrypted), unit: 'ms' },
    'store.checkpoint_ms_plain': { value: Math.round(insert.checkpointPlain), unit: 'ms' },
    'store.encryption_overhead_with_checkpoint': {
      value: round(
        (insert.encrypted + insert.checkpointEncrypted) / (insert.plain + insert.checkpointPlain),
        3,
      ),
      unit: 'ratio',
    },
    'store.search_p95_ms': { value: round(searchP95, 3), unit: 'ms' },
    'store.open_ms': { value: round(openMs, 2), unit: 'ms' },
  };
}

interface InsertTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function insertAll(sqlite: BetterSqlite3.Database, rows: readonly unknown[][]): InsertTime {
  const columns = entityColumns('visit');
  const statement = sqlite.prepare(
    `insert into visit (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  );
  const cpu = process.cpuUsage();
  const started = performance.now();
  sqlite.transaction(() => {
    for (const row of rows) statement.run(row);
  })();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** The same schema and settings as the cache, in a plain file: the baseline for the overhead. */
async function openPlain(file: string): Promise<BetterSqlite3.Database> {
  const sqlite = new Sqlite(file);
  sqlite.pragma(`page_size = ${CIPHER_PAGE_SIZE}`);
  applyConnectionSettings(sqlite);
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const db = new Kysely({ dialect: new CacheDialect({ database: sqlite }) });
  await migrateToLatest(db, file, migrations);
  return sqlite;
}

async function measureInserts(context: BenchContext) {
  const rows = realisticVisitRows(VISIT_ROWS);
  context.log(
    `${rows.length} visit rows made; ${INSERT_ROUNDS} rounds each, encrypted and plain, alternating`,
  );
  const times = { encrypted: [] as InsertTime[], plain: [] as InsertTime[] };
  const checkpoints = { encrypted: [] as number[], plain: [] as number[] };
  for (let round = 0; round < INSERT_ROUNDS; round += 1) {
    for (const kind of ['plain', 'encrypted'] as const) {
      const file = path.join(context.workDir, `insert-${kind}-${round}.sqlite`);
      const cache =
        kind === 'encrypted'
          ? await openCache({ file, key: randomBytes(32), checkpoints: 'background' })
          : undefined;
      const sqlite = cache ? cache.sqlite : await openPlain(file);
      times[kind].push(insertAll(sqlite, rows));
      const started = performance.now();
      if (cache) await cache.checkpoint();
      else sqlite.pragma('wal_checkpoint(PASSIVE)');
      checkpoints[kind].push(performance.now() - started);
      if (cache) await cache.close();
      else sqlite.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
  }
  const wall = (kind: keyof typeof times) => median(times[kind].map((t) => t.wallMs));
  const cpu = (kind: keyof typeof times) => median(times[kind].map((t) => t.cpuMs));
  const shown = (kind: keyof typeof times) => times[kind].map((t) => t.wallMs.toFixed(0)).join(' ');
  context.log(`insert ms, encrypted: ${shown('encrypted')}; plain: ${shown('plain')}`);
  context.log(
    `insert CPU ms (median), encrypted ${cpu('encrypted').toFixed(0)}, plain ${cpu('plain').toFixed(0)}`,
  );
  context.log(
    `checkpoint ms, encrypted (worker): ${checkpoints.encrypted.map((t) => t.toFixed(0)).join(' ')}; ` +
      `plain: ${checkpoints.plain.map((t) => t.toFixed(0)).join(' ')}`,
  );
  return {
    encrypted: wall('encrypted'),
    plain: wall('plain'),
    checkpointEncrypted: median(checkpoints.encrypted),
    checkpointPlain: median(checkpoints.plain),
  };
}

async function measureLargeCache(context: BenchContext) {
  const file = path.join(context.workDir, 'large.sqlite');
  const key = randomBytes(32);
  const facility = generateFacility({ size: 'large', seed: SEED, today: TODAY });
  const cache = await openCache({ file, key });
  let records = 0;
  for (const entity of entityOrder) {
    const upsert = prepareUpsert(cache.sqlite, entity);
    cache.sqlite.transaction(() => {
      for (const record of facility.records(entity)) {
        upsert(record as never, 1);
        records += 1;
      }
    })();
  }
  context.log(`'large' cache loaded: ${records} records`);

  const queries = mixedQueries(cache.sqlite);
  const search = createInmateSearch(cache.sqlite);
  for (const query of queries.slice(0, WARM_UP_SEARCHES)) search.search(query);
  const samples: number[] = [];
  let hits = 0;
  for (const query of queries) {
    const started = performance.now();
    hits += search.search(query).length;
    samples.push(performance.now() - started);
  }
  context.log(
    `search: ${queries.length} queries, ${hits} hits, p50 ${median(samples).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms`,
  );
  await cache.close();

  const opens: number[] = [];
  for (let i = 0; i < OPENS; i += 1) {
    const started = performance.now();
    const reopened = await openCache({ file, key, checkpoints: 'background' });
    opens.push(performance.now() - started);
    if (reopened.migrated.length > 0) throw new Error('a reopened cache should need no migration');
    await reopened.close();
  }
  context.log(`open: min ${Math.min(...opens).toFixed(2)} ms, max ${Math.max(...opens).toFixed(2)} ms`);
  return { searchP95: percentile(samples, 95), openMs: median(opens) };
}

/**
 * What officers type: a name's first letters (1 to 6 of them), a whole surname, surname and the
 * start of a first name either way round, a whole booking number, its start, its sequence
 * without zeros, a housing unit code, a unit with a name, and now and then nothing that matches.
 */
function mixedQueries(sqlite: BetterSqlite3.Database): string[] {
  const inmates = sqlite
    .prepare(
      `select i.first_name as first, i.last_name as last, i.booking_number as booking, h.code as unit
       from inmate i left join housing_unit h on h.id = i.housing_unit_id order by i.pk`,
    )
    .all() as { first: string; last: string; booking: string; unit: string | null }[];
  let state = SEED;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const start = (text: string, min: number, max: number) =>
    text.slice(0, min + Math.floor(random() * (max - min + 1)));
  const queries: string[] = [];
  for (let i = 0; i < SEARCHES; i += 1) {
    const inmate = inmates[Math.floor(random() * inmates.length)]!;
    const kinds = [
      () => start(inmate.last, 1, 3),
      () => start(inmate.last, 3, 6),
      () => inmate.last,
      () => `${inmate.last} ${start(inmate.first, 1, 3)}`,
      () => `${start(inmate.first, 2, 4)} ${start(inmate.last, 2, 4)}`,
      () => inmate.booking,
      () => start(inmate.booking, 6, 9),
      () => String(Number(inmate.booking.slice(5))),
      () => inmate.unit ?? 'A1',
      () => `${inmate.unit ?? ''} ${start(inmate.last, 2, 3)}`.trim(),
      () => `zq${start(inmate.first, 1, 2).toLowerCase()}x`,
    ];
    queries.push(kinds[i % kinds.length]!());
  }
  return queries;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
