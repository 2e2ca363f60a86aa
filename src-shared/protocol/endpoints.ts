// The records service's endpoints, limits and health reply, shared by the service and the
// workstation's client so neither spells a path or a limit on its own.
import { z } from 'zod';
import { Seq } from './changes';

export const recordsEndpoints = {
  changes: '/v1/changes',
  mutations: '/v1/mutations',
  audit: '/v1/audit',
  health: '/v1/health',
} as const;

/** The largest `POST /v1/mutations` or `POST /v1/audit` body the service reads; a larger one is answered 413. */
export const MUTATION_BODY_LIMIT_BYTES = 1024 * 1024;

/** `GET /v1/health` (device token required): the service is up and its feed reaches `headSeq`. */
export const HealthReply = z.object({
  ok: z.literal(true),
  headSeq: Seq,
});
export type HealthReply = z.infer<typeof HealthReply>;
