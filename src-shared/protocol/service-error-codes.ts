// The codes in the records service's `{ error: { code, message } }` answers (ServiceError in
// mutations.ts), so a client can act on the code and show the message.
import { z } from 'zod';

export const serviceErrorCodes = [
  /** 401: device token missing or wrong. The workstation needs IT to provision it. */
  'UNAUTHORIZED',
  /** 400: a query parameter is missing or out of range; the message names it. */
  'INVALID_QUERY',
  /** 400: the body is not JSON. */
  'INVALID_JSON',
  /** 400: the body is JSON but not a valid mutation batch; the message names the field. */
  'INVALID_MUTATION_BATCH',
  /** 400: the body is JSON but not a valid audit batch; the message names the field. */
  'INVALID_AUDIT_BATCH',
  /** 404: no such endpoint. */
  'NOT_FOUND',
  /** 405: the endpoint exists but not for this method. */
  'METHOD_NOT_ALLOWED',
  /** 410: the cursor is newer than the feed (the service's data was replaced): sync again from 0. */
  'CURSOR_UNKNOWN',
  /** 413: the body is larger than MUTATION_BODY_LIMIT_BYTES: send fewer mutations per batch. */
  'BODY_TOO_LARGE',
  /** 415: the body is not sent as application/json. */
  'UNSUPPORTED_MEDIA_TYPE',
  /** 500: the service failed; retry later. */
  'INTERNAL',
  /** 503: the service is down for maintenance or overloaded; retry after the Retry-After header. */
  'UNAVAILABLE',
] as const;
export const ServiceErrorCode = z.enum(serviceErrorCodes);
export type ServiceErrorCode = z.infer<typeof ServiceErrorCode>;
