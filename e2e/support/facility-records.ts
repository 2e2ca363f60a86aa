// The records service on loopback as the browser tests use it: seeded with a generated facility,
// stopped and started again on the same port and database (as a service restart looks to a
// workstation), with a hook for faults; its own store, readable while it is stopped too; and the
// inmates it holds, read from that store, so a test looks for a real inmate rather than one it
// made up.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import {
  RecordStore,
  seedRecordsService,
  startRecordsService,
  type FacilitySize,
  type FaultHook,
  type RecordsService,
} from '../../src-facility';
import type { ApprovedContact, HousingUnit, Inmate, Visit, Visitor } from '../../src-shared/domain/records';
import type { TestApp } from './test-workstation';

export const SYNC_TIMEOUT = 30_000;

/** Waits, at the workstation, for the first sync to have brought every record in. */
export async function initialSyncDone(app: TestApp): Promise<void> {
  await expect
    .poll(() => app.workstation.sync.getStatus(), { timeout: SYNC_TIMEOUT, interval: 100 })
    .toMatchObject({ online: true, initial: { done: true } });
}

export interface TestFacility {
  /** The service running now (a new object after each restart). */
  readonly service: RecordsService;
  readonly records: { url: string; deviceToken: string };
  /** Stops the service, as a crash or an outage looks to a workstation. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** Reads the service's own store: the running service's, or its database file while stopped. */
  read<T>(reader: (store: RecordStore) => T): T;
  close(): Promise<void>;
}

export async function startTestFacility(options: {
  size: FacilitySize;
  seed: number;
  faults?: FaultHook;
}): Promise<TestFacility> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sallyport-records-'));
  const dbPath = path.join(dir, 'records.sqlite');
  const deviceToken = randomBytes(32).toString('hex');
  const quiet = () => undefined;
  const start = (port?: number) =>
    startRecordsService({
      dbPath,
      deviceToken,
      log: quiet,
      ...(port === undefined ? {} : { port }),
      ...(options.faults === undefined ? {} : { faults: options.faults }),
    });
  let service = await start();
  seedRecordsService(service, { size: options.size, seed: options.seed });
  const url = service.url;
  const port = Number(new URL(url).port);
  let running = true;
  return {
    get service() {
      return service;
    },
    records: { url, deviceToken },
    async stop() {
      running = false;
      await service.close();
    },
    async restart() {
      service = await start(port);
      running = true;
    },
    read(reader) {
      if (running) return reader(service.store);
      const store = RecordStore.open(dbPath);
      try {
        return reader(store);
      } finally {
        store.close();
      }
    },
    async close() {
      if (running) await service.close();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface InmateOnFile {
  readonly inmate: Inmate;
  readonly unit: HousingUnit | null;
  /** Visitor names of the approved contacts. */
  readonly contactNames: readonly string[];
  /** Visitor names of the visits to come, soonest first. */
  readonly upcomingVisitors: readonly string[];
  /** Visitor names of the visits past, latest first. */
  readonly recentVisitors: readonly string[];
}

/** Every inmate the service holds, with what their record on a workstation should show. */
export function inmatesOnFile(service: RecordsService, now: Date): InmateOnFile[] {
  const units = new Map<string, HousingUnit>();
  const visitors = new Map<string, Visitor>();
  const inmates: Inmate[] = [];
  const contacts: ApprovedContact[] = [];
  const visits: Visit[] = [];
  for (const row of service.store.liveRecords()) {
    const data: unknown = JSON.parse(row.data);
    if (row.entity === 'housingUnit') units.set(row.id, data as HousingUnit);
    else if (row.entity === 'visitor') visitors.set(row.id, data as Visitor);
    else if (row.entity === 'inmate') inmates.push(data as Inmate);
    else if (row.entity === 'approvedContact') contacts.push(data as ApprovedContact);
    else if (row.entity === 'visit') visits.push(data as Visit);
  }
  const visitorName = (id: string) => {
    const visitor = visitors.get(id);
    return visitor === undefined ? 'Unknown visitor' : `${visitor.firstName} ${visitor.lastName}`;
  };
  const at = now.getTime();
  return inmates.map((inmate) => {
    const own = visits
      .filter((visit) => visit.inmateId === inmate.id)
      .sort((a, b) => Date.parse(a.slotStart) - Date.parse(b.slotStart));
    return {
      inmate,
      unit: inmate.housingUnitId === null ? null : (units.get(inmate.housingUnitId) ?? null),
      contactNames: contacts.filter((c) => c.inmateId === inmate.id).map((c) => visitorName(c.visitorId)),
      upcomingVisitors: own
        .filter((visit) => Date.parse(visit.slotStart) >= at)
        .map((visit) => visitorName(visit.visitorId)),
      recentVisitors: own
        .filter((visit) => Date.parse(visit.slotStart) < at)
        .reverse()
        .map((visit) => visitorName(visit.visitorId)),
    };
  });
}

/**
 * An inmate in custody with approved contacts and visits both ahead and behind, whose family name
 * no other inmate has (so a search by it finds one person), restricted where one such is.
 */
export function wellDocumentedInmate(service: RecordsService, now: Date): InmateOnFile {
  const all = inmatesOnFile(service, now);
  const lastNames = new Map<string, number>();
  for (const { inmate } of all) lastNames.set(inmate.lastName, (lastNames.get(inmate.lastName) ?? 0) + 1);
  const candidates = all.filter(
    ({ inmate, unit, contactNames, upcomingVisitors, recentVisitors }) =>
      inmate.status === 'in-custody' &&
      unit !== null &&
      inmate.cell !== null &&
      lastNames.get(inmate.lastName) === 1 &&
      contactNames.length > 0 &&
      upcomingVisitors.length > 0 &&
      recentVisitors.length > 0,
  );
  const chosen = candidates.find(({ inmate }) => inmate.restrictions.length > 0) ?? candidates[0];
  if (chosen === undefined) throw new Error('the generated facility has no inmate with contacts and visits');
  return chosen;
}
