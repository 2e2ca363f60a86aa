// Entry of `npm start` (dist/dev/preview.js): parses the options and runs the demo.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoFacility } from '../../src-facility/demo-facility';
import { createLog } from '../app/log';
import { loadPolicyFile } from '../app/policy-file';
import { createWorkstation } from '../app/workstation';
import { startHost } from './host-server';
import { demoPolicy } from './preview';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { version: string };
  return pkg.version;
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
  writeFileSync(policyFile, JSON.stringify(demoPolicy(facility), null, 2));

  console.log('Sallyport demo facility (synthetic data; names are not real people)');
  console.log(`  records service  ${facility.recordsUrl}  (${size} data set)`);
  console.log(`  directory        ${facility.directory.url}`);
  console.log('  demo accounts:');
  for (const account of facility.directory.accounts) {
    console.log(`    ${account.username.padEnd(18)} password ${account.password.padEnd(16)} ${account.role}`);
  }

  const stop = async () => {
    await facility.close();
  };

  if (values.electron !== undefined) {
    const child = spawn(values.electron, ['dist/electron/main.js'], {
      stdio: 'inherit',
      env: { ...process.env, SALLYPORT_POLICY: policyFile },
    });
    child.on('exit', (code) => void stop().then(() => process.exit(code ?? 0)));
    return;
  }

  console.log(
    'Electron is not installed on this machine (its download host cannot be reached): serving the browser preview instead.',
  );
  const policy = loadPolicyFile(policyFile);
  const workstation = createWorkstation({
    policy,
    host: 'browser',
    version: packageVersion(),
    log: createLog(),
  });
  const host = await startHost({ workstation, rendererDir: 'dist/renderer', port: Number(values.port) });
  console.log(`Open ${host.url}`);
  console.log('Press Ctrl+C to stop.');
  const shutdown = () =>
    void Promise.all([host.close(), workstation.close(), stop()]).then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`sallyport: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
