// `npm run bench [-- GROUP ...]`: runs every bench/<group>.bench.ts (or the groups named), prints
// a table and writes bench/results.json. Each benchmark makes its own data under bench/.work and
// the harness removes it afterwards. Benchmarks measure; they never pass or fail on a figure.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchModule, Metrics } from './bench-types';

const here = path.dirname(fileURLToPath(import.meta.url));

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    date: new Date().toISOString(),
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
  writeFileSync(file, `${JSON.stringify({ machine: machine(), metrics }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
