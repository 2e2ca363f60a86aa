// `npm run bench`: runs bench/run.ts under tsx, after making sure the dependencies are installed.
import { spawnSync } from 'node:child_process';

const deps = spawnSync(process.execPath, ['scripts/ensure-deps.mjs'], { stdio: 'inherit' });
if (deps.status !== 0) process.exit(deps.status ?? 1);
const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
