// Bundled by app.bench.ts and run as a fresh process: loads the policy, composes the
// workstation and makes the first call, then prints milliseconds since the process started.
import { performance } from 'node:perf_hooks';
import { silentLog } from '../src-main/app/log';
import { loadPolicyFile } from '../src-main/app/policy-file';
import { createWorkstation } from '../src-main/app/workstation';

const policyFile = process.argv[2];
if (policyFile === undefined) throw new Error('usage: app-ready-entry POLICY_FILE');
const workstation = createWorkstation({
  policy: loadPolicyFile(policyFile),
  host: 'electron',
  version: 'bench',
  log: silentLog(),
});
const reply = await workstation.router.dispatch(
  { type: 'call', id: 1, channel: 'app.info', request: {} },
  { sender: 'bench' },
);
if (!reply.ok) throw new Error(`first call failed: ${reply.error.code}`);
process.stdout.write(`${performance.now()}\n`);
