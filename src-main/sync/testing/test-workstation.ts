// Test support: a workstation's side of the sync over a fresh encrypted cache, with the audit
// trail, the policy a test needs and fast backoff, so each test says only what it is about.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PolicyInput } from '../../../src-shared/policy/policy';
import { testPolicy } from '../../test-support/test-policy';
import { createAuditTrail } from '../../audit/audit-trail';
import type { AuditTrail } from '../../audit/audit-trail';
import { openCache } from '../../store/open-cache';
import type { Cache } from '../../store/open-cache';
import { createSync } from '../sync-engine';
import type { Sync, SyncOptions, SyncTuning } from '../sync-api';
import { cacheChecksums } from './checksum';
import type { TableChecksums } from './checksum';
import { peerToken } from './records-peer';

export interface TestWorkstation {
  readonly cache: Cache;
  readonly audit: AuditTrail;
  readonly sync: Sync;
  readonly dir: string;
  /** Changes the token the keychain would hand out. */
  setToken(token: string | null): void;
  checksums(): TableChecksums;
  close(): Promise<void>;
}

export interface TestWorkstationOptions {
  readonly url: string;
  readonly name?: string;
  readonly token?: string | null;
  readonly tuning?: Partial<SyncTuning>;
  readonly records?: Partial<PolicyInput['records']>;
  readonly retention?: { visitDays: number; releasedInmateDays: number };
  readonly caPem?: string | null;
  readonly clock?: () => Date;
  readonly random?: () => number;
  readonly log?: SyncOptions['log'];
}

/** Fast enough for tests, still exponential with jitter. */
export const testTuning: Partial<SyncTuning> = {
  pageLimit: 250,
  stallSeconds: 5,
  longPollSeconds: 1,
  backoff: { baseMs: 20, capMs: 200 },
};

export async function openTestWorkstation(options: TestWorkstationOptions): Promise<TestWorkstation> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sallyport-sync-ws-'));
  const cache = await openCache({ file: path.join(dir, 'cache.sqlite'), key: randomBytes(32) });
  const audit = createAuditTrail({
    db: cache.db,
    workstation: options.name ?? 'TEST-WS-01',
    source: 'sync',
    clock: options.clock,
  });
  let token = options.token === undefined ? peerToken : options.token;
  const policy = testPolicy({
    records: {
      url: options.url,
      allowPlaintext: options.url.startsWith('http:'),
      pollSeconds: 1,
      ...options.records,
    },
    // Generous by default: a test about retention says so.
    retention: options.retention ?? { visitDays: 3650, releasedInmateDays: 3650 },
  });
  const sync = createSync({
    cache,
    audit,
    policy,
    deviceToken: async () => token,
    caPem: options.caPem ?? null,
    clock: options.clock,
    random: options.random,
    log: options.log,
    tuning: { ...testTuning, ...options.tuning },
  });
  return {
    cache,
    audit,
    sync,
    dir,
    setToken: (next) => {
      token = next;
    },
    checksums: () => cacheChecksums(cache.sqlite),
    async close() {
      await sync.stop();
      await cache.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
