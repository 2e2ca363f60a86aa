import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'ldapts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthReply } from '../src-shared/protocol/endpoints';
import { deviceTokenHeaderValue, MutationReply } from '../src-shared/protocol/mutations';
import { startDemoFacility } from './demo-facility';

describe('the demo facility', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sallyport-demo-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves seeded records with its device token and signs in its accounts', async () => {
    const facility = await startDemoFacility({ dir, size: 'small', seed: 1 });
    try {
      expect(facility.deviceToken).toMatch(/^[0-9a-f]{64}$/);
      expect(facility.facility.timeZone).toBe('America/Chicago');
      const health = await fetch(`${facility.recordsUrl}/v1/health`, {
        headers: { authorization: deviceTokenHeaderValue(facility.deviceToken) },
      });
      expect(HealthReply.parse(await health.json()).headSeq).toBeGreaterThan(1000);
      const refused = await fetch(`${facility.recordsUrl}/v1/health`);
      expect(refused.status).toBe(401);

      const client = new Client({ url: facility.directory.url });
      try {
        const [account] = facility.directory.accounts;
        await client.bind(`uid=${account?.username},${facility.directory.userBase}`, account?.password ?? '');
      } finally {
        await client.unbind();
      }
    } finally {
      await facility.close();
    }
  });

  it('keeps the demo’s decisions across a restart, with a new token, and seeds only once', async () => {
    const first = await startDemoFacility({ dir, size: 'small', seed: 1 });
    const request = [...first.records.store.page(0, 10_000, true)].find(
      (row) => row.entity === 'visitRequest' && row.data?.includes('"status":"pending"'),
    );
    if (!request) throw new Error('the small facility has no pending visit request');
    const response = await fetch(`${first.recordsUrl}/v1/mutations`, {
      method: 'POST',
      headers: {
        authorization: deviceTokenHeaderValue(first.deviceToken),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        mutations: [
          {
            kind: 'decide',
            id: randomUUID(),
            actor: 'officer.demo',
            madeAt: new Date().toISOString(),
            entity: 'visitRequest',
            recordId: request.recordId,
            baseVersion: request.version,
            decision: 'approved',
            reason: null,
          },
        ],
      }),
    });
    expect(MutationReply.parse(await response.json()).results[0]?.outcome).toBe('applied');
    const headSeq = first.records.headSeq();
    await first.close();

    const second = await startDemoFacility({ dir, size: 'small', seed: 1 });
    try {
      expect(second.deviceToken).not.toBe(first.deviceToken);
      expect(second.records.headSeq()).toBe(headSeq);
      expect(second.records.store.get('visitRequest', request.recordId)?.data).toMatchObject({
        status: 'approved',
      });
    } finally {
      await second.close();
    }
    expect(readdirSync(dir).filter((name) => name.endsWith('.sqlite'))).toEqual([
      'records-small-seed1.sqlite',
    ]);
  });
});
