// Bundles code of the app's for a benchmark to run in a process of its own, as scripts/build.mjs
// bundles it for the app (dependencies stay installed beside it, except in the feed worker's
// bundle, which holds them), so no TypeScript is compiled while it is timed.
import { build } from 'esbuild';

export async function bundleForNode(
  entry: string,
  outfile: string,
  dependencies: 'external' | 'bundled' = 'external',
): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: dependencies === 'external' ? 'external' : undefined,
    logLevel: 'warning',
  });
}
