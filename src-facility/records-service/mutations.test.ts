import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VisitRequest } from '../../src-shared/domain/records';
import type { Visitor } from '../../src-shared/domain/records';
import { MUTATION_BODY_LIMIT_BYTES } from '../../src-shared/protocol/endpoints';
import { MutationReply } from '../../src-shared/protocol/mutations';
import type { Mutation, MutationResult } from '../../src-shared/protocol/mutations';
import { startServiceFixture } from './service-test-fixture';
import type { ServiceFixture } from './service-test-fixture';

const pendingRequest: VisitRequest = {
  id: 'vr-1',
  inmateId: 'inm-1',
  visitorId: 'vis-1',
  kind: 'video',
  slotStart: '2026-03-03T09:30:00-06:00',
  slotEnd: '2026-03-03T10:00:00-06:00',
  requestedAt: '2026-03-01T12:00:00Z',
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  reason: null,
};
const visitor: Visitor = {
  id: 'vis-1',
  firstName: 'Maren',
  lastName: 'Talford',
  dateOfBirth: '1980-05-05',
  phone: null,
  email: null,
  idDocument: null,
  banned: false,
};

function decide(overrides: Partial<Extract<Mutation, { kind: 'decide' }>> = {}): Mutation {
  return {
    kind: 'decide',
    id: randomUUID(),
    actor: 'officer.demo',
    madeAt: '2026-03-02T15:04:05Z',
    entity: 'visitRequest',
    recordId: 'vr-1',
    baseVersion: 1,
    decision: 'approved',
    reason: null,
    ...overrides,
  };
}

describe('mutations', () => {
  let fixture: ServiceFixture;
  beforeEach(async () => {
    fixture = await startServiceFixture();
    fixture.service.upsert('visitor', visitor);
    fixture.service.upsert('visitRequest', pendingRequest);
  });
  afterEach(async () => {
    await fixture.close();
  });

  async function send(...mutations: Mutation[]): Promise<MutationResult[]> {
    const response = await fixture.postMutations({ mutations });
    expect(response.status).toBe(200);
    return MutationReply.parse(await response.json()).results;
  }

  it('applies a decision: the record gets its next version and the feed carries it', async () => {
    const mutation = decide({ decision: 'denied', reason: 'The slot is at capacity.' });
    const head = fixture.service.headSeq();
    expect(await send(mutation)).toEqual([{ id: mutation.id, outcome: 'applied', version: 2 }]);

    const page = await fixture.feed(`after=${head}`);
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({ entity: 'visitRequest', id: 'vr-1', version: 2, op: 'upsert' });
    expect(VisitRequest.parse(page.changes[0]?.data)).toEqual({
      ...pendingRequest,
      status: 'denied',
      decidedBy: 'officer.demo',
      decidedAt: '2026-03-02T15:04:05Z',
      reason: 'The slot is at capacity.',
    });
    expect(fixture.service.mutationCount()).toBe(1);
    expect(fixture.service.mutationTally()).toEqual({ applied: 1, duplicate: 0, conflict: 0, rejected: 0 });
  });

  it('answers a repeated mutation id with its first answer, changing nothing', async () => {
    const mutation = decide();
    const [first] = await send(mutation);
    const head = fixture.service.headSeq();
    expect(await send(mutation)).toEqual([{ id: mutation.id, outcome: 'duplicate', first }]);
    // Twice in one batch: the second is a duplicate of the first.
    const again = decide({ id: randomUUID(), baseVersion: 2, decision: 'cancelled' });
    const results = await send(again, again);
    expect(results[1]).toEqual({ id: again.id, outcome: 'duplicate', first: results[0] });
    expect(fixture.service.headSeq()).toBe(head);
    expect(fixture.service.mutationCount()).toBe(2);
    expect(fixture.service.mutationTally()).toMatchObject({ applied: 1, duplicate: 2, rejected: 1 });
  });

  it('answers a conflict with the current record when the decision was based on an older version', async () => {
    fixture.service.upsert('visitRequest', {
      ...pendingRequest,
      kind: 'legal',
      slotEnd: '2026-03-03T10:30:00-06:00',
    });
    const mutation = decide({ baseVersion: 1 });
    const head = fixture.service.headSeq();
    expect(await send(mutation)).toEqual([
      {
        id: mutation.id,
        outcome: 'conflict',
        entity: 'visitRequest',
        current: { ...pendingRequest, kind: 'legal', slotEnd: '2026-03-03T10:30:00-06:00' },
        currentVersion: 2,
      },
    ]);
    expect(fixture.service.headSeq()).toBe(head);
    expect(fixture.service.mutationTally().conflict).toBe(1);
  });

  it.each([
    ['an unknown record', { recordId: 'vr-404' }, /vr-404 does not exist/],
    ['a deleted record', { recordId: 'vr-gone' }, /vr-gone does not exist/],
    ['a request no longer pending', { recordId: 'vr-done' }, /already denied by supervisor\.demo/],
    ['an approval for a banned visitor', { recordId: 'vr-banned' }, /vis-2 is banned/],
  ])('rejects %s with a reason, changing nothing', async (_case, overrides, reason) => {
    fixture.service.upsert('visitRequest', { ...pendingRequest, id: 'vr-gone' });
    fixture.service.remove('visitRequest', 'vr-gone');
    fixture.service.upsert('visitRequest', {
      ...pendingRequest,
      id: 'vr-done',
      status: 'denied',
      decidedBy: 'supervisor.demo',
      decidedAt: '2026-03-02T08:00:00Z',
    });
    fixture.service.upsert('visitor', { ...visitor, id: 'vis-2', banned: true });
    fixture.service.upsert('visitRequest', { ...pendingRequest, id: 'vr-banned', visitorId: 'vis-2' });
    const mutation = decide({ ...overrides, baseVersion: overrides.recordId === 'vr-gone' ? 2 : 1 });
    const head = fixture.service.headSeq();
    const [result] = await send(mutation);
    expect(result).toMatchObject({ id: mutation.id, outcome: 'rejected' });
    expect(result?.outcome === 'rejected' && result.reason).toMatch(reason);
    expect(fixture.service.headSeq()).toBe(head);
    expect(fixture.service.mutationTally().rejected).toBe(1);
  });

  it('decides contact requests too', async () => {
    fixture.service.upsert('contactRequest', {
      id: 'cr-1',
      inmateId: 'inm-1',
      visitorId: 'vis-1',
      relationship: 'sibling',
      requestedAt: '2026-03-01T12:00:00Z',
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      reason: null,
    });
    const mutation = decide({ entity: 'contactRequest', recordId: 'cr-1' });
    expect(await send(mutation)).toEqual([{ id: mutation.id, outcome: 'applied', version: 2 }]);
    expect(fixture.service.store.get('contactRequest', 'cr-1')?.data).toMatchObject({ status: 'approved' });
  });

  describe('a body that cannot be applied changes nothing', () => {
    async function expectError(
      response: Response,
      status: number,
      code: string,
      message: RegExp,
    ): Promise<void> {
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
      expect(fixture.service.mutationCount()).toBe(0);
      expect(fixture.service.store.get('visitRequest', 'vr-1')?.version).toBe(1);
    }

    it('answers 400 to a body that is not JSON', async () => {
      await expectError(
        await fixture.postMutations('{"mutations": [ '),
        400,
        'INVALID_JSON',
        /not valid JSON/,
      );
    });

    it('answers 400 naming the field to a batch that fails the schema', async () => {
      const batch = { mutations: [{ ...decide(), baseVersion: 'one' }] };
      await expectError(
        await fixture.postMutations(batch),
        400,
        'INVALID_MUTATION_BATCH',
        /mutations\.0\.baseVersion/,
      );
      await expectError(
        await fixture.postMutations({ mutations: [] }),
        400,
        'INVALID_MUTATION_BATCH',
        /mutations/,
      );
    });

    it('answers 413 to a body over the limit', async () => {
      const padding = 'x'.repeat(MUTATION_BODY_LIMIT_BYTES);
      const batch = { mutations: [{ ...decide(), reason: padding }] };
      await expectError(await fixture.postMutations(batch), 413, 'BODY_TOO_LARGE', /fewer mutations/);
    });

    it('answers 415 to a body not sent as JSON', async () => {
      const response = await fixture.call('/v1/mutations', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ mutations: [decide()] }),
      });
      await expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/);
    });
  });
});
