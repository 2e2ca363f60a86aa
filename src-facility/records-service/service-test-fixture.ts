// Test support: a records service on loopback over a SQLite file in a fresh temporary folder,
// and small clients for its endpoints. Used by the tests beside it; never by the service.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FeedLine } from '../../src-shared/protocol/changes';
import type { ChangeLine, CheckpointLine } from '../../src-shared/protocol/changes';
import { deviceTokenHeaderValue } from '../../src-shared/protocol/mutations';
import type { FacilitySize } from '../generate/sizes';
import { startRecordsService } from './records-service';
import type { RecordsService } from './records-service';
import { seedRecordsService } from './seed-records-service';

export const testToken = 'test-device-token-0123456789abcdef';

export interface ServiceFixture {
  readonly service: RecordsService;
  readonly dir: string;
  /** fetch() against the service with the device token. */
  call(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  /** One page of the change feed, parsed and checked line by line. */
  feed(query: string, init?: RequestInit): Promise<FeedPage>;
  postMutations(body: unknown): Promise<Response>;
  close(): Promise<void>;
}

export interface FeedPage {
  readonly changes: ChangeLine[];
  readonly checkpoint: CheckpointLine;
  /** Every line's type in order, to check the checkpoint comes last and once. */
  readonly types: string[];
}

export async function startServiceFixture(seed?: {
  size: FacilitySize;
  seed: number;
}): Promise<ServiceFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sallyport-records-'));
  const logged: string[] = [];
  const service = await startRecordsService({
    dbPath: path.join(dir, 'records.sqlite'),
    deviceToken: testToken,
    log: (message) => logged.push(message),
  });
  if (seed) seedRecordsService(service, { ...seed, today: '2026-03-02' });
  const call = (pathAndQuery: string, init: RequestInit = {}) =>
    fetch(`${service.url}${pathAndQuery}`, {
      ...init,
      headers: {
        authorization: deviceTokenHeaderValue(testToken),
        ...(init.headers as Record<string, string>),
      },
    });
  return {
    service,
    dir,
    call,
    async feed(query, init) {
      const response = await call(`/v1/changes?${query}`, init);
      if (response.status !== 200)
        throw new Error(`feed answered ${response.status}: ${await response.text()}`);
      const lines = (await response.text()).split('\n').filter((line) => line !== '');
      const parsed = lines.map((line) => FeedLine.parse(JSON.parse(line)));
      const checkpoint = parsed.at(-1);
      if (checkpoint?.type !== 'checkpoint') throw new Error('the page did not end with a checkpoint');
      return {
        changes: parsed.filter((line): line is ChangeLine => line.type === 'change'),
        checkpoint,
        types: parsed.map((line) => line.type),
      };
    },
    postMutations: (body) =>
      call('/v1/mutations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
      if (logged.length > 0) throw new Error(`the service logged failures: ${logged.join(' | ')}`);
    },
  };
}
