// The demo facility `npm start` and the tests run against: a seeded records service and the demo
// directory, both on loopback, with a fresh device token and fresh passwords on every start.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Facility } from '../src-shared/domain/records';
import { startDemoDirectory } from './demo-directory/demo-directory';
import type { DemoDirectory } from './demo-directory/demo-directory';
import { generateFacility } from './generate/generate-facility';
import type { FacilitySize } from './generate/sizes';
import { startRecordsService } from './records-service/records-service';
import type { RecordsService } from './records-service/records-service';

export interface DemoFacilityOptions {
  /** Where the records service keeps its SQLite file; made if missing. */
  readonly dir: string;
  readonly size?: FacilitySize;
  readonly seed?: number;
  /** Defaults to 32 random bytes as hex. */
  readonly deviceToken?: string;
  readonly log?: (message: string) => void;
}

export interface DemoFacility {
  readonly recordsUrl: string;
  readonly deviceToken: string;
  readonly directory: DemoDirectory;
  /** The generated facility record: its name and time zone. */
  readonly facility: Facility;
  /** The records service itself, to add or change records while the demo runs. */
  readonly records: RecordsService;
  close(): Promise<void>;
}

export async function startDemoFacility(options: DemoFacilityOptions): Promise<DemoFacility> {
  const size = options.size ?? 'small';
  const seed = options.seed ?? 1;
  const deviceToken = options.deviceToken ?? randomBytes(32).toString('hex');
  mkdirSync(options.dir, { recursive: true });
  // One file per size and seed: a restart keeps the decisions made in the demo, and asking
  // for another size never mixes two data sets.
  const dbPath = path.join(options.dir, `records-${size}-seed${seed}.sqlite`);

  const [records, directory] = await Promise.allSettled([
    startRecordsService({ dbPath, deviceToken, log: options.log }),
    startDemoDirectory(),
  ]);
  if (records.status === 'rejected' || directory.status === 'rejected') {
    if (records.status === 'fulfilled') await records.value.close();
    if (directory.status === 'fulfilled') await directory.value.close();
    throw records.status === 'rejected' ? records.reason : (directory as PromiseRejectedResult).reason;
  }

  const dataset = generateFacility({ size, seed });
  if (records.value.store.recordCount() === 0) records.value.store.load(dataset.all());

  return {
    recordsUrl: records.value.url,
    deviceToken,
    directory: directory.value,
    facility: dataset.facility,
    records: records.value,
    close: async () => {
      await Promise.all([records.value.close(), directory.value.close()]);
    },
  };
}
