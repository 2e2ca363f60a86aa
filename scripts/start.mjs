// `npm start`: install what is missing, build, then run the app on its embedded demo facility.
// Where no desktop session offers a keychain (a headless machine), the demo gets a private session
// bus and gnome-keyring of its own, kept in .sallyport-dev so the demo cache opens next time too.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

if (process.platform === 'linux') run('bash', ['scripts/setup-system.sh', '--for-start']);
run(process.execPath, ['scripts/ensure-deps.mjs']);
run(process.execPath, ['scripts/build.mjs']);
// Imported only after the dependencies are installed.
const { findElectronBinary } = await import('./electron-binary.mjs');
const electron = findElectronBinary();
const preview = [
  'dist/dev/preview.js',
  ...(electron === null ? [] : ['--electron', electron]),
  ...process.argv.slice(2),
];

if (process.platform !== 'linux' || process.env.DBUS_SESSION_BUS_ADDRESS) {
  run(process.execPath, preview);
} else if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const home = path.resolve('.sallyport-dev', 'keyring-home');
  mkdirSync(path.join(home, 'data'), { recursive: true });
  mkdirSync(path.join(process.env.HOME ?? home, '.cache'), { recursive: true });
  console.log('sallyport: no desktop keychain here; using a private gnome-keyring for the demo.');
  run(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      'printf %s sallyport-demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"',
      process.execPath,
      ...preview,
    ],
    { env: { ...process.env, XDG_DATA_HOME: path.join(home, 'data') } },
  );
} else {
  console.error(
    'sallyport: no keychain is available. Install gnome-keyring and dbus, or start a desktop session.',
  );
  process.exit(1);
}
