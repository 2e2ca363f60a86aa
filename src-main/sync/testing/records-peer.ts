// Test support: the real records service (src-facility) on loopback, seeded, with scripted
// faults, for the sync's tests and benchmark. The one place in src-main/sync that reaches into
// the demo facility; nothing the product runs imports this file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
/* eslint-disable no-restricted-imports -- tests run the sync against the real records service */
import { FaultScript, seedRecordsService, startRecordsService } from '../../../src-facility/index';
import type { Fault, FacilitySize, RecordsService } from '../../../src-facility/index';
/* eslint-enable no-restricted-imports */
import type { EntityName, EntityRecord } from '../../../src-shared/domain/records';
import { checksumOf } from './checksum';
import type { TableChecksums } from './checksum';

export type { Fault, RecordsService };

export const peerToken = 'sync-test-device-token-0123456789abcdef';

export interface PeerOptions {
  readonly size?: FacilitySize;
  readonly seed?: number;
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly port?: number;
  /** Reuse this folder's database (a restart); a new folder otherwise. */
  readonly dir?: string;
}

export interface RecordsPeer {
  readonly service: RecordsService;
  readonly url: string;
  readonly dir: string;
  readonly faults: FaultScript;
  /** The facility's today the data was made around (records are dated relative to it). */
  readonly today: string;
  /** The service's live records, hashed per table the way cacheChecksums hashes the cache. */
  checksums(): TableChecksums;
  /** The service's live (not deleted) records of one kind. */
  live<E extends EntityName>(entity: E): EntityRecord<E>[];
  /** Stops the service, keeping its data (the workstation sees it go away). */
  stop(): Promise<void>;
  /** Starts it again on the same port over the same data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const peerToday = '2026-03-02';

export async function startPeer(options: PeerOptions = {}): Promise<RecordsPeer> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'sallyport-sync-peer-'));
  const faults = new FaultScript();
  const dbPath = path.join(dir, 'records.sqlite');
  const logged: string[] = [];
  const launch = (port: number | undefined) =>
    startRecordsService({
      dbPath,
      deviceToken: peerToken,
      port,
      tls: options.tls,
      faults: faults.hook,
      log: (message) => logged.push(message),
    });
  let service = await launch(options.port);
  if (options.size && service.store.recordCount() === 0) {
    seedRecordsService(service, { size: options.size, seed: options.seed ?? 1, today: peerToday });
  }
  const port = Number(new URL(service.url).port);
  let running = true;
  const peer: RecordsPeer = {
    get service() {
      return service;
    },
    url: service.url,
    dir,
    faults,
    today: peerToday,
    live<E extends EntityName>(entity: E) {
      const records: EntityRecord<E>[] = [];
      for (const row of service.store.liveRecords()) {
        if (row.entity === entity) records.push(JSON.parse(row.data) as EntityRecord<E>);
      }
      return records;
    },
    checksums() {
      const rows = service.store.liveRecords();
      return checksumOf(
        (function* () {
          for (const row of rows) {
            yield {
              entity: row.entity as EntityName,
              id: row.id,
              version: row.version,
              record: JSON.parse(row.data),
            };
          }
        })(),
      );
    },
    async stop() {
      if (!running) return;
      running = false;
      await service.close();
    },
    async restart() {
      if (running) await service.close();
      service = await launch(port);
      running = true;
    },
    async close() {
      if (running) await service.close();
      running = false;
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
      if (logged.length > 0) throw new Error(`the records service logged failures: ${logged.join(' | ')}`);
    },
  };
  return peer;
}
