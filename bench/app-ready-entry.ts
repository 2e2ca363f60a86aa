// Bundled by app.bench.ts and run as a fresh process: loads the policy, opens the encrypted cache
// (the key comes in the environment here; the app reads it from the keychain), composes the
// workstation and makes the first call, then prints milliseconds since the process started.
import { performance } from 'node:perf_hooks';
import { silentLog } from '../src-main/app/log';
import { loadPolicyFile } from '../src-main/app/policy-file';
import { createWorkstation } from '../src-main/app/workstation';
import { createDirectory } from '../src-main/auth/directory/directory';
import { openCache } from '../src-main/store/open-cache';

const [policyFile, cacheFile] = process.argv.slice(2);
const key = process.env.BENCH_CACHE_KEY;
if (policyFile === undefined || cacheFile === undefined || key === undefined) {
  throw new Error('usage: BENCH_CACHE_KEY=hex app-ready-entry POLICY_FILE CACHE_FILE');
}
const policy = loadPolicyFile(policyFile);
const cache = await openCache({ file: cacheFile, key: Buffer.from(key, 'hex') });
const workstation = createWorkstation({
  policy,
  host: 'electron',
  version: 'bench',
  cache,
  directory: createDirectory({
    policy: policy.directory,
    caPem: null,
    servicePassword: async () => 'unused',
  }),
  deviceToken: async () => null,
  recordsCaPem: null,
  startSync: false,
  log: silentLog(),
});
const reply = await workstation.router.dispatch(
  { type: 'call', id: 1, channel: 'app.info', request: {} },
  { sender: 'bench' },
);
if (!reply.ok) throw new Error(`first call failed: ${reply.error.code}`);
process.stdout.write(`${performance.now()}\n`);
await workstation.close();
await cache.close();
