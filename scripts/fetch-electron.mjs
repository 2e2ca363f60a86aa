// Runs after `npm install` / `npm ci`. Electron's own install script is switched off in
// package.json ("allowScripts"), because it downloads the Electron binary from a host that
// locked-down build machines cannot reach, and a failed download would fail the whole install.
// Here we try that download ourselves, once, and report in one line when it is not possible:
// `npm start` then serves the browser preview, and the typings are still installed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (dir === null) {
  process.exit(0); // production install without devDependencies: nothing to fetch
}
if (findElectronBinary() !== null) {
  process.exit(0); // already installed
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('sallyport: Electron binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set).');
  process.exit(0);
}
const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  cwd: dir,
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 120_000,
  encoding: 'utf8',
});
if (result.status === 0 && findElectronBinary() !== null) {
  console.log('sallyport: Electron binary installed.');
} else {
  console.log(
    'sallyport: the Electron binary could not be downloaded here; `npm start` will serve the browser preview instead.',
  );
}
