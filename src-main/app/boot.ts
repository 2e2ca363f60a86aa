// Starts a workstation from the pieces an entry point has (policy, keychain, where the cache
// lives): reads the facility CA files named in policy, opens the encrypted cache with the key from
// the keychain, and builds the directory client with the service password from the keychain.
import { readFileSync } from 'node:fs';
import type { Policy } from '../../src-shared/policy/policy';
import { createDirectory } from '../auth/directory/directory';
import type { Keychain } from '../keychain/keychain';
import { openCacheWithKeychain } from '../store/open-with-keychain';
import type { Logger } from './log';
import { PolicyError } from './policy-file';
import { createWorkstation, type HostKind, type Workstation } from './workstation';

export interface BootOptions {
  policy: Policy;
  /** The policy file, to name it in errors. */
  policyFile: string;
  host: HostKind;
  version: string;
  log: Logger;
  keychain: Keychain;
  cacheFile: string;
  clock?: () => Date;
}

function readCa(file: string | undefined, field: string, policyFile: string): string | null {
  if (file === undefined) return null;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new PolicyError(policyFile, `${field} names ${file}, which cannot be read (${code}).`);
  }
}

export async function bootWorkstation(
  options: BootOptions,
): Promise<{ workstation: Workstation; close(): Promise<void> }> {
  const { policy, keychain } = options;
  const directoryCa = readCa(policy.directory.caFile, 'directory.caFile', options.policyFile);
  const recordsCa = readCa(policy.records.caFile, 'records.caFile', options.policyFile);
  const cache = await openCacheWithKeychain({
    file: options.cacheFile,
    keychain,
    // WAL checkpoints re-encrypt every page: a worker thread does them, off the app's thread.
    checkpoints: 'background',
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const directory = createDirectory({
    policy: policy.directory,
    caPem: directoryCa,
    servicePassword: async () => {
      const password = await keychain.getDirectoryBindPassword();
      if (password === null) throw new Error('no directory service password');
      return password;
    },
  });
  const workstation = createWorkstation({
    policy,
    host: options.host,
    version: options.version,
    cache,
    directory,
    deviceToken: () => keychain.getDeviceToken(),
    recordsCaPem: recordsCa,
    log: options.log,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  return {
    workstation,
    async close() {
      await workstation.close();
      await cache.close();
    },
  };
}
