import { afterEach, describe, expect, it } from 'vitest';
import type { Inmate, Staff } from '../../src-shared/domain/records';
import type { ChangeLine } from '../../src-shared/protocol/changes';
import { startServiceFixture } from './service-test-fixture';
import type { ServiceFixture } from './service-test-fixture';

const officer: Staff = {
  id: 'stf-900',
  username: 'j.doe',
  displayName: 'J Doe',
  role: 'officer',
  active: true,
};

let fixture: ServiceFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function seeded(): Promise<ServiceFixture> {
  fixture = await startServiceFixture({ size: 'small', seed: 1 });
  return fixture;
}

async function empty(): Promise<ServiceFixture> {
  fixture = await startServiceFixture();
  return fixture;
}

describe('the change feed', () => {
  it('pages through a first sync in seq order, each page ending with its checkpoint', async () => {
    const { feed, service } = await seeded();
    const total = service.store.recordCount();
    const seen = new Set<string>();
    let after = 0;
    let pages = 0;
    let lastSeq = 0;
    for (;;) {
      const page = await feed(`after=${after}&limit=700`);
      pages += 1;
      expect(page.types.at(-1)).toBe('checkpoint');
      expect(page.types.filter((type) => type === 'checkpoint')).toHaveLength(1);
      for (const change of page.changes) {
        expect(change.seq).toBeGreaterThan(lastSeq);
        lastSeq = change.seq;
        seen.add(`${change.entity}/${change.id}`);
      }
      expect(page.checkpoint.seq).toBe(page.changes.at(-1)?.seq ?? after);
      expect(page.checkpoint.headSeq).toBe(service.headSeq());
      if (after === 0) expect(page.checkpoint.expectedTotal).toBe(total);
      if (page.checkpoint.upToDate) break;
      expect(page.changes).toHaveLength(700);
      after = page.checkpoint.seq;
    }
    expect(pages).toBe(Math.ceil(total / 700));
    expect(seen.size).toBe(total);
  });

  it('serves a first sync compacted: newest version of each record once, deletions as tombstones', async () => {
    const { feed, service } = await empty();
    const inmate: Inmate = {
      id: 'inm-1',
      bookingNumber: '2026-000001',
      firstName: 'Alric',
      middleName: null,
      lastName: 'Thornwick',
      dateOfBirth: '1990-01-01',
      housingUnitId: null,
      cell: null,
      status: 'in-custody',
      restrictions: [],
      bookedAt: '2026-01-01T10:00:00Z',
      releasedAt: null,
    };
    service.upsert('inmate', inmate);
    service.upsert('staff', officer);
    service.upsert('inmate', { ...inmate, status: 'court' });
    expect(service.remove('staff', officer.id)).toEqual({ seq: 4, version: 2 });
    expect(service.remove('staff', officer.id)).toBeNull();

    const first = await feed('after=0');
    expect(first.changes).toEqual<ChangeLine[]>([
      {
        type: 'change',
        seq: 3,
        entity: 'inmate',
        op: 'upsert',
        id: 'inm-1',
        version: 2,
        data: { ...inmate, status: 'court' },
      },
      { type: 'change', seq: 4, entity: 'staff', op: 'delete', id: 'stf-900', version: 2, data: null },
    ]);
    expect(first.checkpoint).toEqual({
      type: 'checkpoint',
      seq: 4,
      upToDate: true,
      headSeq: 4,
      expectedTotal: 2,
    });

    // After a cursor, the log itself: every version, in order.
    const log = await feed('after=1');
    expect(log.changes.map((change) => [change.seq, change.entity, change.op, change.version])).toEqual([
      [2, 'staff', 'upsert', 1],
      [3, 'inmate', 'upsert', 2],
      [4, 'staff', 'delete', 2],
    ]);
    expect(log.checkpoint.expectedTotal).toBeNull();
  });

  it('keeps seq order within a page of several runs, when records changed in another order than made', async () => {
    // The service reads a page in runs of 500 lines, each run's lines joined by SQLite.
    const { feed, service } = await empty();
    const ids = Array.from({ length: 1200 }, (_, index) => `stf-${String(index).padStart(4, '0')}`);
    for (const id of ids) service.upsert('staff', { ...officer, id, username: id });
    for (const id of [...ids].reverse())
      service.upsert('staff', { ...officer, id, username: id, active: false });

    const compacted = await feed('after=0&limit=1200');
    expect(compacted.changes.map((change) => change.id)).toEqual([...ids].reverse());
    expect(compacted.changes.map((change) => change.seq)).toEqual(ids.map((_, at) => 1201 + at));
    const log = await feed('after=600&limit=1200');
    expect(log.changes.map((change) => change.seq)).toEqual(ids.map((_, at) => 601 + at));
    expect(log.checkpoint).toMatchObject({ seq: 1800, upToDate: false });
  });

  it('hands over from the compacted view to the log without losing a change', async () => {
    const { feed, service } = await empty();
    for (let index = 1; index <= 5; index += 1) service.upsert('staff', { ...officer, id: `stf-${index}` });
    const page = await feed('after=0&limit=2');
    expect(page.checkpoint).toMatchObject({ seq: 2, upToDate: false, headSeq: 5, expectedTotal: 5 });
    // stf-1 changes after it was served, stf-4 before it is reached.
    service.upsert('staff', { ...officer, id: 'stf-1', active: false });
    service.upsert('staff', { ...officer, id: 'stf-4', active: false });
    const rest = await feed(`after=${page.checkpoint.seq}`);
    const state = new Map<string, unknown>();
    for (const change of [...page.changes, ...rest.changes]) state.set(change.id, change.data);
    expect(state.size).toBe(5);
    expect(state.get('stf-1')).toMatchObject({ active: false });
    expect(state.get('stf-4')).toMatchObject({ active: false });
    expect(rest.checkpoint).toMatchObject({ seq: 7, upToDate: true, headSeq: 7 });
  });

  it('writes every line as JSON that reads back as the record, quotes and accents included', async () => {
    const { feed, service } = await empty();
    const unusual: Staff = { ...officer, id: 'stf-"q"\\é', displayName: 'Zoë "Z" Łukasz\tO\u2028Neil' };
    service.upsert('staff', unusual);
    service.remove('staff', unusual.id);
    service.upsert('staff', officer);
    for (const query of ['after=0', 'after=1']) {
      const page = await feed(query);
      for (const change of page.changes) {
        expect(change.type).toBe('change');
        if (change.op === 'upsert') expect(change.data).toEqual(change.id === officer.id ? officer : unusual);
      }
    }
    const log = await feed('after=1');
    expect(log.changes.map((change) => [change.seq, change.op, change.id, change.version])).toEqual([
      [2, 'delete', unusual.id, 2],
      [3, 'upsert', officer.id, 1],
    ]);
    expect(log.changes[0]!.data).toBeNull();
  });

  it('answers an empty page at the head of the feed', async () => {
    const { feed, service } = await seeded();
    const head = service.headSeq();
    const page = await feed(`after=${head}`);
    expect(page.changes).toEqual([]);
    expect(page.checkpoint).toEqual({
      type: 'checkpoint',
      seq: head,
      upToDate: true,
      headSeq: head,
      expectedTotal: null,
    });
  });

  it('answers 410 CURSOR_UNKNOWN to a cursor newer than the feed', async () => {
    const { call, service } = await seeded();
    const response = await call(`/v1/changes?after=${service.headSeq() + 1}`);
    expect(response.status).toBe(410);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CURSOR_UNKNOWN');
    expect(body.error.message).toMatch(/after=0/);
  });

  it.each([
    ['', /after is required/],
    ['after=abc', /after/],
    ['after=-1', /after/],
    ['after=0&limit=0', /limit/],
    ['after=0&limit=10001', /limit/],
    ['after=0&wait=61', /wait/],
  ])('answers 400 naming the field to the query "%s"', async (query, field) => {
    const { call } = await seeded();
    const response = await call(`/v1/changes?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_QUERY');
    expect(body.error.message).toMatch(field);
  });

  describe('long-polling', () => {
    it('answers with the change as soon as one lands', async () => {
      const { feed, service } = await seeded();
      const head = service.headSeq();
      // The longest wait the protocol allows, longer than the test's own timeout: only the change can end it.
      const answer = feed(`after=${head}&wait=60`);
      while (service.waitingPolls() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      service.upsert('staff', officer);
      const page = await answer;
      expect(page.changes).toEqual([
        {
          type: 'change',
          seq: head + 1,
          entity: 'staff',
          op: 'upsert',
          id: officer.id,
          version: 1,
          data: officer,
        },
      ]);
      expect(page.checkpoint).toMatchObject({ seq: head + 1, upToDate: true });
      expect(service.waitingPolls()).toBe(0);
    });

    it('answers an empty page with a checkpoint when the wait runs out', async () => {
      const { feed, service } = await seeded();
      const head = service.headSeq();
      const page = await feed(`after=${head}&wait=1`);
      expect(page.changes).toEqual([]);
      expect(page.checkpoint).toMatchObject({ seq: head, upToDate: true, headSeq: head });
      expect(service.waitingPolls()).toBe(0);
    });

    it('answers at once when something newer than the cursor is already there', async () => {
      const { feed, service } = await seeded();
      const head = service.headSeq();
      const page = await feed(`after=${head - 1}&wait=60`);
      expect(page.changes.map((change) => change.seq)).toEqual([head]);
    });

    it('stops waiting when the workstation hangs up', async () => {
      const { feed, service } = await seeded();
      const hangUp = new AbortController();
      const answer = feed(`after=${service.headSeq()}&wait=60`, { signal: hangUp.signal });
      while (service.waitingPolls() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      hangUp.abort();
      await expect(answer).rejects.toThrow();
      while (service.waitingPolls() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(service.waitingPolls()).toBe(0);
    });
  });
});
