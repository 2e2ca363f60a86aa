// The browser suite runs against the built renderer, as the host serves it. `npm test` builds it
// first; run alone, the suite builds it once here when it is missing or older than its sources,
// so a test never passes against yesterday's UI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { rendererDir, repoRoot } from './paths';

function newestChange(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestChange(path.join(entry, name))),
    0,
  );
}

function isCurrent(): boolean {
  const index = path.join(rendererDir, 'index.html');
  if (!existsSync(index)) return false;
  const sources = ['src-renderer', 'src-shared', 'vite.config.ts'].map((p) => path.join(repoRoot, p));
  return Math.max(...sources.map(newestChange)) <= statSync(index).mtimeMs;
}

export function ensureRendererBuilt(): void {
  if (isCurrent()) return;
  // Vite through node and its bin file: through npx it can leave an orphan process behind.
  const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  // Not vitest's NODE_ENV=test: Vite would bake it into the bundle and ship React's test build.
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
