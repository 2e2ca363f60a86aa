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
  /** Username, password or second factor not right: one answer for all (never which). */
  'SIGNIN_FAILED',
  /** Too many failed attempts for this username (CJIS AC-7). */
  'LOCKED_OUT',
  /** A valid directory account whose groups map to no Sallyport role. */
  'NOT_AUTHORISED',
  /** The directory's own account state: locked, disabled, expired, must change password. */
  'DIRECTORY_ACCOUNT',
  'DIRECTORY_UNREACHABLE',
  /** A first sign-in or enrolment that waited too long, or was never started. */
  'SIGNIN_EXPIRED',
  'NOT_FOUND',
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
