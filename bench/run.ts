// `npm run bench [-- GROUP ...]`: runs every bench/<group>.bench.ts (or the groups named), prints
// a table and writes bench/results.json. Each benchmark makes its own data under bench/.work and
// the harness removes it afterwards. Benchmarks measure; they never pass or fail on a figure.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchModule, Metrics } from './bench-types';
import { median } from './stats';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * How fast this machine is right now: the median time of a fixed piece of work (JSON and SHA-256,
 * as a sync does), before and after the benchmarks. A virtual machine's speed can change by a
 * third from one minute to the next; figures from runs with different references are not alike.
 */
function cpuReferenceMs(): number {
  const document = JSON.stringify(
    Array.from({ length: 20_000 }, (_, at) => ({ id: `vr-${at}`, slot: '2026-03-02T09:00:00-06:00', n: at })),
  );
  const samples: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now();
    for (let pass = 0; pass < 4; pass += 1) {
      const parsed = JSON.parse(document) as unknown[];
      createHash('sha256').update(JSON.stringify(parsed)).digest();
    }
    samples.push(performance.now() - started);
  }
  return Math.round(median(samples) * 10) / 10;
}

function machine(reference: { before: number; after: number }) {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    date: new Date().toISOString(),
    cpuReferenceMs: reference,
  };
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const groups = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
  const unknown = wanted.filter((g) => !groups.includes(g));
  if (unknown.length > 0) {
    console.error(`No benchmark group named ${unknown.join(', ')}. Groups: ${groups.join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length > 0 ? groups.filter((g) => wanted.includes(g)) : groups;
  const metrics: Metrics = {};
  const referenceBefore = cpuReferenceMs();
  const workRoot = path.join(here, '.work');
  for (const group of selected) {
    const workDir = path.join(workRoot, group);
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    const context: BenchContext = { workDir, log: (line) => console.log(`  [${group}] ${line}`) };
    console.log(`bench ${group}…`);
    try {
      const module = (await import(path.join(here, `${group}.bench.ts`))) as BenchModule;
      Object.assign(metrics, await module.default(context));
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  rmSync(workRoot, { recursive: true, force: true });

  const names = Object.keys(metrics).sort();
  const width = Math.max(6, ...names.map((n) => n.length));
  console.log(`\n${'metric'.padEnd(width)}  ${'value'.padStart(14)}  unit`);
  for (const name of names) {
    const { value, unit } = metrics[name]!;
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(3);
    console.log(`${name.padEnd(width)}  ${shown.padStart(14)}  ${unit}`);
  }
  const file = path.join(here, 'results.json');
  const reference = { before: referenceBefore, after: cpuReferenceMs() };
  console.log(
    `\nmachine speed reference: ${reference.before} ms before, ${reference.after} ms after (lower is faster)`,
  );
  writeFileSync(file, `${JSON.stringify({ machine: machine(reference), metrics }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
