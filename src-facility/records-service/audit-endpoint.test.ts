import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditReply } from '../../src-shared/protocol/audit';
import type { AuditEventUpload } from '../../src-shared/protocol/audit';
import { startServiceFixture } from './service-test-fixture';
import type { ServiceFixture } from './service-test-fixture';

function event(seq: number, overrides: Partial<AuditEventUpload> = {}): AuditEventUpload {
  return {
    seq,
    at: '2026-03-02T10:00:00.000Z',
    workstation: 'WS-NORTH',
    source: 'app',
    actor: 'j.doe',
    action: 'inmate.read',
    target: 'inmate:inm-000001',
    outcome: 'success',
    details: {},
    prevHash: String(seq - 1).padStart(64, '0'),
    hash: String(seq).padStart(64, 'a'),
    ...overrides,
  };
}

describe('POST /v1/audit', () => {
  let fixture: ServiceFixture;
  beforeEach(async () => {
    fixture = await startServiceFixture();
  });
  afterEach(async () => {
    await fixture.close();
  });

  const post = (body: unknown) =>
    fixture.call('/v1/audit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('keeps each event once, by its hash, and says which were already kept', async () => {
    const first = await post({ events: [event(1), event(2)] });
    expect(first.status).toBe(200);
    expect(AuditReply.parse(await first.json()).results.map((result) => result.outcome)).toEqual([
      'stored',
      'stored',
    ]);
    const again = await post({ events: [event(2), event(3)] });
    expect(AuditReply.parse(await again.json()).results.map((result) => result.outcome)).toEqual([
      'duplicate',
      'stored',
    ]);
    expect(fixture.service.auditEventCount()).toBe(3);
    expect(fixture.service.store.auditEventsOf('WS-NORTH').map((row) => row.seq)).toEqual([1, 2, 3]);
  });

  it('answers 400 naming the field to a batch that is not valid, keeping nothing', async () => {
    const response = await post({ events: [event(1, { hash: 'not-a-hash' })] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_AUDIT_BATCH');
    expect(body.error.message).toMatch(/events\.0\.hash/);
    expect(fixture.service.auditEventCount()).toBe(0);
  });
});
