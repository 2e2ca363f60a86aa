import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { entitySchemas } from '../domain/records';
import type { EntityName, EntityRecord } from '../domain/records';
import { ChangeLine } from '../protocol/changes';
import { seededRandom } from '../testing/seeded-random';
import { compileCheck, compileFieldsCheck, compileObjectTest, REFUSED } from './compiled-check';

const samples: { [E in EntityName]: EntityRecord<E> } = {
  facility: { id: 'fac-1', name: 'Morfield County Detention Center', timeZone: 'America/Chicago' },
  housingUnit: { id: 'hu-a', code: 'A', name: 'Unit A', securityLevel: 'medium', capacity: 64 },
  inmate: {
    id: 'inm-000001',
    bookingNumber: '2026-004211',
    firstName: 'Marcus',
    middleName: null,
    lastName: 'Okafor',
    dateOfBirth: '1988-02-29',
    housingUnitId: 'hu-a',
    cell: 'A-12',
    status: 'in-custody',
    restrictions: ['no-contact-visits', 'keep-separate'],
    bookedAt: '2026-01-04T22:15:00-06:00',
    releasedAt: null,
  },
  visitor: {
    id: 'vis-0000001',
    firstName: 'Ana',
    lastName: 'Reyes',
    dateOfBirth: '1990-12-31',
    phone: '+1 555 0100',
    email: 'ana@example.org',
    idDocument: 'DL-4471',
    banned: false,
  },
  approvedContact: {
    id: 'ac-1',
    inmateId: 'inm-000001',
    visitorId: 'vis-0000001',
    relationship: 'sibling',
    approvedBy: 'super1',
    approvedAt: '2026-01-02T03:04:05.123Z',
    status: 'approved',
  },
  visitRequest: {
    id: 'vr-1',
    inmateId: 'inm-000001',
    visitorId: 'vis-0000001',
    kind: 'video',
    slotStart: '2026-03-02T09:00:00-06:00',
    slotEnd: '2026-03-02T09:30:00-06:00',
    requestedAt: '2026-02-27T17:13:58Z',
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
  },
  visit: {
    id: 'v-1',
    requestId: null,
    inmateId: 'inm-000001',
    visitorId: 'vis-0000001',
    kind: 'contact',
    slotStart: '2026-03-02T09:00:00Z',
    slotEnd: '2026-03-02T09:30:00Z',
    outcome: 'scheduled',
  },
  contactRequest: {
    id: 'cr-1',
    inmateId: 'inm-000001',
    visitorId: 'vis-0000001',
    relationship: 'friend',
    requestedAt: '2026-01-02T03:04:05Z',
    status: 'denied',
    decidedBy: 'super1',
    decidedAt: '2026-01-03T03:04:05Z',
    reason: 'Not on the approved list',
  },
  staff: { id: 'st-1', username: 'officer1', displayName: 'Dana Whitfield', role: 'officer', active: true },
  staffEnrolment: {
    id: 'officer1',
    username: 'officer1',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    changedAt: '2026-11-25T06:00:00.000Z',
  },
};

/** Values that sit on or near the edges of what the schemas take. */
const edgeValues: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  '  Padded Name  ',
  '\tTabbed\n',
  'x'.repeat(16),
  'x'.repeat(17),
  'x'.repeat(64),
  'x'.repeat(65),
  ' '.repeat(3) + 'y'.repeat(100) + ' ',
  'y'.repeat(101),
  'z'.repeat(256),
  'z'.repeat(257),
  'a'.repeat(500),
  'a'.repeat(501),
  'Zoë Łukasz 山田',
  // Lengths are code points: a surrogate pair counts once, a lone surrogate once.
  '😀',
  'a😀',
  '\uD800',
  '\uDC00x',
  '😀'.repeat(16),
  '😀'.repeat(17),
  'x'.repeat(15) + '😀',
  '😀'.repeat(64),
  'x'.repeat(63) + '😀',
  'x'.repeat(64) + '😀',
  'y'.repeat(99) + '😀',
  '😀'.repeat(128) + 'z',
  0,
  -0,
  -1,
  1,
  1.5,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '1',
  true,
  false,
  'true',
  [],
  {},
  ['no-contact-visits'],
  ['no-contact-visits', 'made-up'],
  Array.from({ length: 17 }, () => 'keep-separate'),
  'approved',
  'pending',
  'officer',
  'in-custody',
  'medium',
  'video',
  'sibling',
  'scheduled',
  '2026-004211',
  '2026-04211',
  '2026-02-29',
  '2024-02-29',
  '2026-13-01',
  '1990-12-31',
  '2026-03-02T09:00:00Z',
  '2026-03-02T09:00:00.5+05:30',
  '2026-03-02T09:00:00',
  '2026-03-02T24:00:00Z',
  '2026-03-02 09:00:00Z',
  '2026-02-29T09:00:00Z',
  'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  'jbswy3dpehpk3pxpjbswy3dpehpk3pxp',
  'America/Chicago',
];

function pick<T>(next: () => number, from: readonly T[]): T {
  return from[Math.floor(next() * from.length)]!;
}

/** The sample with one to three fields changed, removed or added. */
function mutate(next: () => number, sample: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = { ...sample };
  const keys = Object.keys(sample);
  const changes = 1 + Math.floor(next() * 3);
  for (let n = 0; n < changes; n += 1) {
    const roll = next();
    if (roll < 0.1) record[`extra${n}`] = pick(next, edgeValues);
    else if (roll < 0.2) delete record[pick(next, keys)];
    else record[pick(next, keys)] = pick(next, edgeValues);
  }
  return record;
}

/** The compiled check, and for an object its fields check, give zod's verdict and output. */
function expectSameVerdict(schema: z.ZodType, input: unknown): void {
  const check = compileCheck(schema)!;
  const zod = schema.safeParse(input);
  const compiled = check(input);
  if (zod.success) expect(compiled, JSON.stringify(input)).toStrictEqual(zod.data);
  else expect(compiled, JSON.stringify(input)).toBe(REFUSED);
  const fields = compileFieldsCheck(schema);
  if (!fields) return;
  const into: unknown[] = [];
  expect(fields(input, into)).toBe(zod.success);
  if (zod.success) expect(into).toStrictEqual(Object.values(zod.data as object));
}

describe('compiled checks', () => {
  it('compile every kind of record and the change line', () => {
    for (const schema of [...Object.values(entitySchemas), ChangeLine]) {
      expect(compileCheck(schema)).not.toBeNull();
      expect(compileFieldsCheck(schema)).not.toBeNull();
    }
  });

  for (const entity of Object.keys(samples) as EntityName[]) {
    it(`give zod's verdict and output on a valid ${entity} and on 3,000 broken ones`, () => {
      const schema = entitySchemas[entity];
      const sample = samples[entity] as Record<string, unknown>;
      expect(schema.safeParse(sample).success).toBe(true);
      expectSameVerdict(schema, sample);
      const next = seededRandom(entity.length * 7919);
      let refused = 0;
      for (let round = 0; round < 3000; round += 1) {
        const input = mutate(next, sample);
        expectSameVerdict(schema, input);
        if (!schema.safeParse(input).success) refused += 1;
      }
      // The mutations reach both sides of the schema, or the comparison proves little.
      expect(refused).toBeGreaterThan(300);
      expect(refused).toBeLessThan(2900);
    });
  }

  it('count lengths in code points as zod does, at every bound', () => {
    const schemas = [
      z.string().min(3).max(5),
      z.string().min(1).max(2),
      z.string().trim().min(2).max(4),
      z.array(z.string().max(2)).min(2).max(3),
      z.object({ name: z.string().min(2), tags: z.array(z.enum(['a', 'b'])).max(2) }),
    ];
    const pieces = ['a', ' ', '😀', '\uD83D', '\uDE00', '山'];
    const next = seededRandom(99);
    for (let round = 0; round < 4000; round += 1) {
      const word = Array.from({ length: Math.floor(next() * 8) }, () => pick(next, pieces)).join('');
      const list = Array.from({ length: Math.floor(next() * 5) }, () => pick(next, [word, 'a', 'b', '😀😀']));
      for (const schema of schemas) {
        expectSameVerdict(schema, schema.def.type === 'array' ? list : word);
      }
      expectSameVerdict(schemas[4]!, { name: word, tags: list });
    }
  });

  it('trim names as the schema does, before their length is checked', () => {
    const check = compileCheck(entitySchemas.facility)!;
    expect(check({ ...samples.facility, name: '  Morfield  ' })).toStrictEqual({
      ...samples.facility,
      name: 'Morfield',
    });
    expect(check({ ...samples.facility, name: '   ' })).toBe(REFUSED);
  });

  it('refuse what is not an object of the shape', () => {
    const check = compileCheck(entitySchemas.visit)!;
    for (const input of [null, undefined, 'visit', 42, [], [samples.visit]]) {
      expect(check(input)).toBe(REFUSED);
      expect(entitySchemas.visit.safeParse(input).success).toBe(false);
    }
  });

  it('give the change line zod gives, with data absent, null or any value', () => {
    const line = { type: 'change', seq: 1, entity: 'visit', op: 'upsert', id: 'v-1', version: 1 };
    for (const input of [
      line,
      { ...line, data: null },
      { ...line, data: samples.visit },
      { ...line, data: 'anything' },
      { ...line, type: 'checkpoint' },
      { ...line, seq: -1 },
      { ...line, version: 0 },
      { ...line, entity: 'warden' },
      { ...line, op: 'merge' },
      { ...line, id: '' },
      { ...line, extra: true },
      { ...line, data: undefined },
    ]) {
      expectSameVerdict(ChangeLine, input);
      expect(compileObjectTest(ChangeLine)!(input)).toBe(ChangeLine.safeParse(input).success);
    }
  });

  it('test an object only where its fields come out as they went in', () => {
    expect(compileObjectTest(ChangeLine)).not.toBeNull();
    expect(compileObjectTest(entitySchemas.visit)).not.toBeNull();
    // Names are trimmed, and a nested object would lose its unknown keys.
    expect(compileObjectTest(entitySchemas.inmate)).toBeNull();
    expect(compileObjectTest(z.object({ inner: z.object({ id: z.string() }) }))).toBeNull();
    const test = compileObjectTest(entitySchemas.visit)!;
    const next = seededRandom(4242);
    for (let round = 0; round < 2000; round += 1) {
      const input = mutate(next, samples.visit);
      expect(test(input), JSON.stringify(input)).toBe(entitySchemas.visit.safeParse(input).success);
    }
  });

  it('leave to zod what they do not know', () => {
    expect(compileCheck(z.string().email())).toBeNull();
    expect(compileCheck(z.string().optional())).toBeNull();
    expect(compileCheck(z.object({ id: z.string().optional() }))).toBeNull();
    expect(compileCheck(z.object({ id: z.string().default('x') }))).toBeNull();
    expect(compileCheck(z.strictObject({ id: z.string() }))).toBeNull();
    expect(compileCheck(z.object({ id: z.string() }).refine(() => true))).toBeNull();
    expect(compileCheck(z.string().transform((value) => value.length))).toBeNull();
    expect(compileCheck(z.coerce.number())).toBeNull();
    expect(compileCheck(z.string().refine((value) => value !== 'x'))).toBeNull();
    expect(compileCheck(z.number().multipleOf(2))).toBeNull();
    expect(compileFieldsCheck(z.string())).toBeNull();
    expect(compileCheck(z.object({ [Symbol('hidden')]: z.string() }))).toBeNull();
  });
});
