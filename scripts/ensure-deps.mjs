// Installs node_modules with `npm ci` when they are missing or older than package-lock.json, so
// both README commands work on a fresh clone. Fast when nothing changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const stamp = 'node_modules/.sallyport-lock-hash';
const hash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) process.exit(0);

console.log('sallyport: installing dependencies (npm ci)…');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('sallyport: npm ci failed; see the messages above.');
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, hash);
