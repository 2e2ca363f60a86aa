// Builds everything `npm start`, the tests and packaging need:
//   dist/renderer      the React UI (Vite)
//   dist/electron      the Electron main process (ESM), its feed worker, and preload (CommonJS,
//                      for the sandbox)
//   dist/cli           the `sallyport` command line
//   dist/dev           the browser preview (with its feed worker) and demo facility launcher
//                      (never packaged)
// Dependencies stay external: they are installed beside the app, native modules included. The
// feed worker is the exception: it bundles its one dependency (zod), so the thread is ready in
// about 90 ms instead of 150 (loading zod's many modules from node_modules was most of its start,
// and a first sync waits for it).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const node = {
  platform: 'node',
  target: 'node20',
  bundle: true,
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

function vite() {
  const result = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

rmSync('dist', { recursive: true, force: true });
vite();
const builds = [
  build({
    ...node,
    format: 'esm',
    entryPoints: ['src-main/electron/main.ts'],
    outfile: 'dist/electron/main.js',
  }),
  build({
    ...node,
    format: 'cjs',
    packages: undefined,
    external: ['electron'],
    entryPoints: ['src-main/electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
  }),
  build({
    ...node,
    format: 'esm',
    entryPoints: ['src-main/host/preview-main.ts'],
    outfile: 'dist/dev/preview.js',
  }),
  // The feed worker (src-main/sync/feed-pages.ts starts it from beside the bundle that syncs).
  ...['dist/electron', 'dist/dev'].map((dir) =>
    build({
      ...node,
      packages: undefined,
      format: 'esm',
      entryPoints: ['src-main/sync/feed-worker.ts'],
      outfile: `${dir}/feed-worker.js`,
    }),
  ),
];
if (existsSync('src-main/cli/main.ts')) {
  builds.push(
    build({
      ...node,
      format: 'esm',
      entryPoints: ['src-main/cli/main.ts'],
      outfile: 'dist/cli/sallyport.js',
      banner: { js: '#!/usr/bin/env node' },
    }),
  );
}
await Promise.all(builds);
