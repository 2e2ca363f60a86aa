import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthReply } from '../../src-shared/protocol/endpoints';
import { startRecordsService } from './records-service';
import { startServiceFixture, testToken } from './service-test-fixture';
import type { ServiceFixture } from './service-test-fixture';

const unauthorized = {
  error: {
    code: 'UNAUTHORIZED',
    message: 'The device token is missing or wrong: ask IT to provision this workstation.',
  },
};

describe('the records service', () => {
  let fixture: ServiceFixture;
  beforeEach(async () => {
    fixture = await startServiceFixture({ size: 'small', seed: 1 });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('listens on loopback only', () => {
    expect(fixture.service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['no authorization header', undefined],
    ['a wrong token', `Bearer ${testToken.replace(/.$/, 'x')}`],
    ['the token with a wrong scheme', `Basic ${testToken}`],
    ['a prefix of the token', `Bearer ${testToken.slice(0, 10)}`],
    ['the token with more after it', `Bearer ${testToken}x`],
  ])('answers 401 to %s, on every endpoint', async (_case, authorization) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    for (const [method, route] of [
      ['GET', '/v1/changes?after=0'],
      ['GET', '/v1/health'],
      ['POST', '/v1/mutations'],
      ['GET', '/no/such/route'],
    ] as const) {
      const response = await fetch(`${fixture.service.url}${route}`, { method, headers });
      expect(response.status, `${method} ${route}`).toBe(401);
      expect(await response.json()).toEqual(unauthorized);
    }
  });

  it('changes nothing for a mutation sent with a wrong token', async () => {
    const before = fixture.service.store.get('visitRequest', 'vr-0000001');
    const headSeq = fixture.service.headSeq();
    const response = await fetch(`${fixture.service.url}/v1/mutations`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token-at-all', 'content-type': 'application/json' },
      body: JSON.stringify({
        mutations: [
          {
            kind: 'decide',
            id: randomUUID(),
            actor: 'officer.demo',
            madeAt: '2026-03-02T10:00:00Z',
            entity: 'visitRequest',
            recordId: 'vr-0000001',
            baseVersion: 1,
            decision: 'denied',
            reason: null,
          },
        ],
      }),
    });
    expect(response.status).toBe(401);
    expect(fixture.service.mutationCount()).toBe(0);
    expect(fixture.service.headSeq()).toBe(headSeq);
    expect(fixture.service.store.get('visitRequest', 'vr-0000001')).toEqual(before);
  });

  it('reports its health and head to a provisioned workstation', async () => {
    const response = await fixture.call('/v1/health');
    expect(response.status).toBe(200);
    expect(HealthReply.parse(await response.json())).toEqual({
      ok: true,
      headSeq: fixture.service.headSeq(),
    });
  });

  it('answers 404 to an unknown route and 405 to a wrong method, as JSON errors', async () => {
    const missing = await fixture.call('/v2/changes?after=0');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'The records service has no endpoint /v2/changes.' },
    });
    const wrongMethod = await fixture.call('/v1/changes?after=0', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('never caches an answer', async () => {
    const response = await fixture.call('/v1/health');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a failure inside the records service', () => {
  it('answers 500 with a sentence, no stack trace, and logs it without the token', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sallyport-records-'));
    const logged: string[] = [];
    const service = await startRecordsService({
      dbPath: path.join(dir, 'records.sqlite'),
      deviceToken: testToken,
      log: (message) => logged.push(message),
    });
    try {
      // Pull the database out from under the service.
      service.store.close();
      const response = await fetch(`${service.url}/v1/health`, {
        headers: { authorization: `Bearer ${testToken}` },
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        error: {
          code: 'INTERNAL',
          message: 'The records service failed to answer: try again, and tell IT if it keeps happening.',
        },
      });
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^records service: GET \/v1\/health failed: /);
      expect(logged.join('\n')).not.toContain(testToken);
    } finally {
      await service.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('starting the records service', () => {
  it('refuses a host other than loopback', async () => {
    await expect(
      startRecordsService({
        dbPath: path.join('/nonexistent', 'x.sqlite'),
        deviceToken: testToken,
        host: '0.0.0.0',
      }),
    ).rejects.toThrow(/loopback only/);
  });

  it('refuses a short device token', async () => {
    await expect(
      startRecordsService({ dbPath: '/nonexistent/x.sqlite', deviceToken: 'short' }),
    ).rejects.toThrow(/at least 16 characters/);
  });
});
