// Why a sync attempt failed, as a stable code and a sentence the officer (or IT) can act on. The
// code also decides what the scheduler does next: retry with backoff, or stop and wait for a person.

export type SyncErrorCode =
  /** 401: the service refused the device token. Stop until it changes or someone retries. */
  | 'TOKEN_REFUSED'
  /** The keychain holds no device token. Stop until it does. */
  | 'NO_TOKEN'
  /** Policy names an http:// URL without allowPlaintext. Stop: only IT can fix the policy. */
  | 'PLAINTEXT_REFUSED'
  /** The service's certificate is not signed by the facility CA (or its name does not match). */
  | 'TLS_UNTRUSTED'
  /** No connection: refused, reset, DNS, network down. */
  | 'UNREACHABLE'
  /** No answer (or no more bytes of a stream) within the time allowed. */
  | 'TIMEOUT'
  /** 5xx, or 503 with Retry-After. */
  | 'SERVICE_FAILED'
  /** A feed page that cannot be trusted: cut short, a line that is not JSON, no checkpoint. */
  | 'BAD_PAGE'
  /** 410: the service no longer knows our cursor; the cache syncs again from zero. */
  | 'CURSOR_UNKNOWN'
  /** An answer the protocol does not allow (unexpected status, a reply failing its schema). */
  | 'BAD_ANSWER'
  /** The cache failed to take the data (disk full, damaged file). */
  | 'CACHE_FAILED'
  /** Anything else: a bug. Logged with its cause; retried with backoff. */
  | 'INTERNAL';

/** Codes that no retry can fix without a person: the scheduler stops instead of backing off. */
const stopCodes: ReadonlySet<SyncErrorCode> = new Set(['TOKEN_REFUSED', 'NO_TOKEN', 'PLAINTEXT_REFUSED']);

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  /** From the service's Retry-After header, when it sent one. */
  readonly retryAfterMs: number | null;
  /** The HTTP status of the answer that failed, when there was one. */
  readonly status: number | null;
  constructor(
    code: SyncErrorCode,
    message: string,
    options: { retryAfterMs?: number | null; status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.status = options.status ?? null;
  }

  /** True when retrying later can help; false when a person must act first. */
  get retryable(): boolean {
    return !stopCodes.has(this.code);
  }
}

export const tokenRefusedMessage =
  "The records service refused this workstation's device token. Ask IT to provision it again.";

export const noTokenMessage =
  'This workstation has no device token for the records service. Ask IT to provision it.';

/** Any failure as a SyncError; an unexpected one keeps its cause for the log, not its message. */
export function asSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  return new SyncError(
    'CACHE_FAILED',
    'Sallyport could not save the records it received. Tell IT if this keeps happening.',
    {
      cause: error,
    },
  );
}

/** A request stopped on purpose (its signal aborted, the sync stopping). */
export function stoppedError(reason: unknown): SyncError {
  return new SyncError('TIMEOUT', 'The request to the records service was stopped.', { cause: reason });
}

/** An error as far as a log needs it: its code (ECONNRESET, …) or name, never its message. */
export function errorCode(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : typeof error;
}
