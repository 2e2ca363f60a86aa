// `POST /v1/mutations`: decisions and imports from a workstation's outbox. Each mutation carries a
// client-made id (the idempotency key) and the version of the record it was based on.
import { z } from 'zod';
import { Decision, EntityName } from '../domain/records';

export const MutationId = z.uuid();

const Base = z.object({
  id: MutationId,
  /** Who decided, as the directory knows them. */
  actor: z.string().min(1).max(256),
  madeAt: z.iso.datetime({ offset: true }),
});

export const DecideRequest = Base.extend({
  kind: z.literal('decide'),
  entity: z.enum(['visitRequest', 'contactRequest']),
  recordId: z.string().min(1).max(64),
  baseVersion: z.int().positive(),
  decision: Decision.exclude(['pending']),
  reason: z.string().max(500).nullable(),
});

/** A first sign-in's enrolment (or an administrator's reset, with a null secret), for every workstation. */
export const SetEnrolment = Base.extend({
  kind: z.literal('set-enrolment'),
  username: z.string().min(1).max(256),
  totpSecret: z
    .string()
    .regex(/^[A-Z2-7]{32,128}$/)
    .nullable(),
  changedAt: z.iso.datetime({ offset: true }),
});

export const Mutation = z.discriminatedUnion('kind', [DecideRequest, SetEnrolment]);
export type Mutation = z.infer<typeof Mutation>;

export const MutationBatch = z.object({
  mutations: z.array(Mutation).min(1).max(500),
});
export type MutationBatch = z.infer<typeof MutationBatch>;

export const MutationResult = z.discriminatedUnion('outcome', [
  z.object({ id: MutationId, outcome: z.literal('applied'), version: z.int().positive() }),
  z.object({ id: MutationId, outcome: z.literal('duplicate'), first: z.unknown() }),
  z.object({
    id: MutationId,
    outcome: z.literal('conflict'),
    entity: EntityName,
    current: z.unknown(),
    currentVersion: z.int().positive(),
  }),
  z.object({ id: MutationId, outcome: z.literal('rejected'), reason: z.string() }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const MutationReply = z.object({ results: z.array(MutationResult) });
export type MutationReply = z.infer<typeof MutationReply>;

/** Every error the service answers has this shape, with a stable code and a sentence. */
export const ServiceError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ServiceError = z.infer<typeof ServiceError>;

/** The header a workstation sends its device token in. */
export const DEVICE_TOKEN_HEADER = 'authorization';
export function deviceTokenHeaderValue(token: string): string {
  return `Bearer ${token}`;
}
