// Installs node_modules with `npm ci` when they are missing or older than package-lock.json, so
// both README commands work on a fresh clone. Fast when nothing changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const stamp = 'node_modules/.sallyport-lock-hash';
const hash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) process.exit(0);

// A fresh clone gets exactly the lockfile (npm ci). An existing node_modules is brought up to the
// lockfile in place (npm install): npm ci would first delete it under anything still running.
const command = existsSync('node_modules') ? 'install' : 'ci';
console.log(`sallyport: installing dependencies (npm ${command})…`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, [command, '--no-audit', '--no-fund'], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`sallyport: npm ${command} failed; see the messages above.`);
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, hash);
