// Runs the Playwright `_electron` suite where an Electron binary is installed; where not, says so
// in one line and passes (the binary's download host cannot be reached from every machine).
import { spawnSync } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const binary = findElectronBinary();
if (binary === null) {
  console.log(
    'Electron suite skipped: no Electron binary is installed on this machine (its download host cannot be reached).',
  );
  process.exit(0);
}
const vitest = [
  process.execPath,
  'node_modules/vitest/vitest.mjs',
  'run',
  '--project',
  'electron',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/electron.json',
];
// Electron needs a display on Linux: use a virtual one where there is none.
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY;
if (needsDisplay && spawnSync('sh', ['-c', 'command -v xvfb-run']).status !== 0) {
  console.error('Electron suite: no display and no xvfb-run; install it with: apt-get install -y xvfb');
  process.exit(1);
}
const command = needsDisplay ? ['xvfb-run', '-a', ...vitest] : vitest;
const result = spawnSync(command[0], command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, SALLYPORT_ELECTRON: binary },
});
process.exit(result.status ?? 1);
