// `npm start`: install what is missing, build, then run the app on its embedded demo facility.
import { spawnSync } from 'node:child_process';

function run(args) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['scripts/ensure-deps.mjs']);
run(['scripts/build.mjs']);
// Imported only after the dependencies are installed.
const { findElectronBinary } = await import('./electron-binary.mjs');
const electron = findElectronBinary();
run([
  'dist/dev/preview.js',
  ...(electron === null ? [] : ['--electron', electron]),
  ...process.argv.slice(2),
]);
