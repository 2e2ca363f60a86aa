// Every failed call answers `{ ok: false, error: { code, message } }`: a stable code for the
// program and one sentence for the person, never a stack trace.
import { z } from 'zod';

export const errorCodes = [
  'BAD_MESSAGE',
  'UNKNOWN_CHANNEL',
  'INVALID_REQUEST',
  'TOO_LARGE',
  'SIGNED_OUT',
  'LOCKED',
  'FORBIDDEN',
  'BANNER_NOT_ACKNOWLEDGED',
  'SIGNIN_UNAVAILABLE',
  'DISCONNECTED',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const CallError = z.object({
  code: ErrorCode,
  message: z.string().max(2000),
});
export type CallError = z.infer<typeof CallError>;

/** An error a service raises on purpose: its message is shown to the user as it is. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}
