// `sallyport doctor`: one line per thing Sallyport needs, `ok  <what>` or `FAIL <what>: <what is
// wrong and what to do>`. It changes nothing: no key is made, no cache created or migrated.
import { loadPolicyFile, resolvePolicyPath } from '../app/policy-file';
import type { Policy } from '../../src-shared/policy/policy';
import { CacheError } from '../store/cache-error';
import { inspectCacheFile } from '../store/cache-file';
import { resolveCachePath } from '../store/cache-path';
import { checkCacheIntegrity } from '../store/integrity';
import { openCache } from '../store/open-cache';
import type { Cache } from '../store/open-cache';
import { EXIT_FAILED, EXIT_OK, oneLine } from './cli-context';
import type { CliContext } from './cli-context';
import { checkDirectoryUrl, checkRecordsHealth } from './network-checks';

export interface DoctorOptions {
  readonly policy?: string;
  readonly cache?: string;
  /** Per network check. */
  readonly timeoutMs?: number;
}

export async function runDoctor(options: DoctorOptions, context: CliContext): Promise<number> {
  let failures = 0;
  const ok = (what: string) => context.out(`ok   ${what}`);
  const fail = (what: string, problem: string) => {
    failures += 1;
    context.out(`FAIL ${what}: ${oneLine(problem)}`);
  };
  const timeoutMs = options.timeoutMs ?? 5000;

  // Policy
  const policyFile = resolvePolicyPath(options.policy, context.env as NodeJS.ProcessEnv);
  let policy: Policy | undefined;
  try {
    policy = loadPolicyFile(policyFile);
    ok(`policy ${policyFile} is valid (facility "${oneLine(policy.facility.name)}")`);
  } catch (error) {
    fail('policy', errorText(error));
  }

  // Keychain
  const keychain = context.keychain();
  let key: Buffer | null = null;
  let keychainOk = false;
  try {
    key = await keychain.getCacheKey();
    keychainOk = true;
    ok(
      `keychain reachable (service "${keychain.service}"${key ? ', cache key present' : ', no cache key yet'})`,
    );
  } catch (error) {
    fail('keychain', errorText(error));
  }

  // Cache and its schema
  const cacheFile = resolveCachePath(options.cache, context.env as NodeJS.ProcessEnv);
  const state = inspectCacheFile(cacheFile);
  let cache: Cache | undefined;
  if (state.kind === 'missing' || state.kind === 'empty') {
    ok(`cache ${cacheFile} not made yet: Sallyport makes it, and its key, at first start`);
    ok('cache schema: made at first start');
  } else if (!keychainOk) {
    fail(`cache ${cacheFile}`, 'not checked, because the keychain did not answer');
    fail('cache schema', 'not checked, because the cache was not opened');
  } else if (!key) {
    fail(
      `cache ${cacheFile}`,
      "the file exists but its key is not in this user's keychain: start Sallyport, which offers to set the file aside and rebuild the cache",
    );
    fail('cache schema', 'not checked, because the cache was not opened');
  } else {
    try {
      cache = await openCache({ file: cacheFile, key, migrate: false, mustExist: true });
      checkCacheIntegrity(cache);
      ok(`cache ${cacheFile} opens with its key, every page intact`);
      const { applied, pending } = cache.migrations;
      if (pending.length === 0) ok(`cache schema current (${applied.at(-1) ?? 'empty'})`);
      else {
        fail(
          'cache schema',
          `${pending.length} schema change(s) not yet applied (${pending.join(', ')}): Sallyport applies them at its next start`,
        );
      }
    } catch (error) {
      fail(`cache ${cacheFile}`, errorText(error));
      if (error instanceof CacheError && error.code === 'CACHE_TOO_NEW') {
        fail('cache schema', 'newer than this version of Sallyport: install the current version');
      } else {
        fail('cache schema', 'not checked, because the cache did not open');
      }
    } finally {
      await cache?.close();
      key.fill(0);
    }
  }

  // Directory and records service
  if (!policy) {
    fail('directory', 'not checked, because the policy is not valid');
    fail('records service', 'not checked, because the policy is not valid');
  } else {
    for (const url of policy.directory.urls) {
      const result = await checkDirectoryUrl(url, { caFile: policy.directory.caFile, timeoutMs });
      if (result.ok) ok(`directory ${url} reachable (${result.note})`);
      else fail(`directory ${url}`, result.problem);
    }
    let deviceToken: string | null = null;
    if (keychainOk) {
      try {
        deviceToken = await keychain.getDeviceToken();
      } catch {
        deviceToken = null;
      }
    }
    const result = await checkRecordsHealth(policy.records.url, {
      caFile: policy.records.caFile,
      timeoutMs,
      deviceToken,
    });
    if (result.ok) ok(`records service ${policy.records.url} ${result.note}`);
    else fail(`records service ${policy.records.url}`, result.problem);
  }

  return failures === 0 ? EXIT_OK : EXIT_FAILED;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
