// Entry of `npm start` (dist/dev/preview.js): the embedded demo facility, a policy and keychain
// entries that point the app at it, demo staff enrolled with TOTP, then the app in Electron where
// its binary is installed, or as the browser preview on 127.0.0.1. Development only.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoFacility } from '../../src-facility/demo-facility';
import { bootWorkstation } from '../app/boot';
import { createLog } from '../app/log';
import { loadPolicyFile } from '../app/policy-file';
import { readMfa, updateMfa } from '../auth/mfa-records';
import { newTotpSecret } from '../auth/totp';
import { createKeychain } from '../keychain/keychain';
import { openCacheWithKeychain } from '../store/open-with-keychain';
import { startHost } from './host-server';
import { demoPolicy } from './preview';

/** The demo's own keychain entries, so a real installation's are never touched. */
const DEMO_KEYCHAIN_SERVICE = 'Sallyport-demo';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Enrols each demo account that is not enrolled yet; returns every account's TOTP secret. */
async function enrolDemoStaff(cacheFile: string, usernames: readonly string[]): Promise<Map<string, string>> {
  const keychain = createKeychain({ service: DEMO_KEYCHAIN_SERVICE });
  const cache = await openCacheWithKeychain({ file: cacheFile, keychain });
  const secrets = new Map<string, string>();
  try {
    for (const username of usernames) {
      const existing = await readMfa(cache.db, username);
      if (existing?.state === 'enrolled' && existing.totpSecret !== null) {
        secrets.set(username, existing.totpSecret);
        continue;
      }
      const secret = newTotpSecret();
      const now = new Date();
      await updateMfa(cache.db, username, now, {
        state: 'enrolled',
        totp_secret: secret,
        enrolled_at: now.toISOString(),
      });
      secrets.set(username, secret);
    }
  } finally {
    await cache.close();
  }
  return secrets;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      port: { type: 'string', default: '0' },
      /** The Electron binary, when one is installed (scripts/start.mjs finds it). */
      electron: { type: 'string' },
    },
  });
  const size = values.size;
  if (size !== 'small' && size !== 'medium' && size !== 'large') {
    throw new Error(`--size must be small, medium or large (got "${size}")`);
  }
  const workDir = path.resolve('.sallyport-dev');
  mkdirSync(workDir, { recursive: true });

  const facility = await startDemoFacility({ dir: workDir, size });
  const policyFile = path.join(workDir, 'policy.json');
  const cacheFile = path.join(workDir, 'cache.sqlite');
  writeFileSync(policyFile, JSON.stringify(demoPolicy(facility), null, 2));
  const keychain = createKeychain({ service: DEMO_KEYCHAIN_SERVICE });
  await keychain.setDirectoryBindPassword(facility.directory.bindPassword);
  await keychain.setDeviceToken(facility.deviceToken);
  const secrets = await enrolDemoStaff(
    cacheFile,
    facility.directory.accounts.map((a) => a.username),
  );

  console.log('Sallyport demo facility (synthetic data; names are not real people)');
  console.log(`  records service  ${facility.recordsUrl}  (${size} data set)`);
  console.log(`  directory        ${facility.directory.url}`);
  console.log(
    '  demo accounts (add the TOTP key to an authenticator app, or run `npm run demo:code -- KEY`):',
  );
  for (const account of facility.directory.accounts) {
    console.log(
      `    ${account.username.padEnd(16)} ${account.role.padEnd(14)} password ${account.password}  TOTP key ${secrets.get(account.username) ?? '-'}`,
    );
  }

  const stop = async () => {
    await facility.close();
  };

  if (values.electron !== undefined) {
    const child = spawn(values.electron, ['dist/electron/main.js'], {
      stdio: 'inherit',
      env: {
        ...process.env,
        SALLYPORT_POLICY: policyFile,
        SALLYPORT_CACHE: cacheFile,
        SALLYPORT_KEYCHAIN_SERVICE: DEMO_KEYCHAIN_SERVICE,
      },
    });
    child.on('exit', (code) => void stop().then(() => process.exit(code ?? 0)));
    return;
  }

  console.log(
    'Electron is not installed on this machine (its download host cannot be reached): serving the browser preview instead.',
  );
  const booted = await bootWorkstation({
    policy: loadPolicyFile(policyFile),
    policyFile,
    host: 'browser',
    version: packageVersion(),
    log: createLog(),
    keychain,
    cacheFile,
  });
  const host = await startHost({
    workstation: booted.workstation,
    rendererDir: 'dist/renderer',
    port: Number(values.port),
  });
  console.log(`Open ${host.url}`);
  console.log('Press Ctrl+C to stop.');
  const shutdown = () => void Promise.all([host.close(), booted.close(), stop()]).then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`sallyport: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
