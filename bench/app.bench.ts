// app.ready_ms: from process start until the router answers its first request, in a fresh Node
// process running the bundled main-process code on an existing encrypted cache (the median of
// several launches; the keychain read is not included).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testPolicyInput } from '../src-main/test-support/test-policy';
import type { BenchContext, Metrics } from './bench-types';
import { bundleForNode } from './bundle';
import { median } from './stats';

const here = path.dirname(fileURLToPath(import.meta.url));
const LAUNCHES = 15;

export default async function run(context: BenchContext): Promise<Metrics> {
  const bundle = path.join(context.workDir, 'app-ready.js');
  await bundleForNode(path.join(here, 'app-ready-entry.ts'), bundle);
  const policyFile = path.join(context.workDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(testPolicyInput()));
  const cacheFile = path.join(context.workDir, 'cache.sqlite');
  const env = { ...process.env, BENCH_CACHE_KEY: randomBytes(32).toString('hex') };
  // The first launch makes and migrates the cache; the measured ones open an existing cache, as the app does.
  execFileSync(process.execPath, [bundle, policyFile, cacheFile], { cwd: path.dirname(here), env });
  const samples: number[] = [];
  for (let i = 0; i < LAUNCHES; i += 1) {
    const out = execFileSync(process.execPath, [bundle, policyFile, cacheFile], {
      cwd: path.dirname(here),
      encoding: 'utf8',
      env,
    });
    samples.push(Number(out.trim()));
  }
  context.log(
    `${LAUNCHES} launches, min ${Math.min(...samples).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms`,
  );
  return { 'app.ready_ms': { value: Math.round(median(samples) * 10) / 10, unit: 'ms' } };
}
