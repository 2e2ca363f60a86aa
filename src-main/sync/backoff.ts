// How long to wait before trying the records service again: exponential backoff with full jitter
// (a random delay between 0 and the exponential ceiling), so a facility's workstations coming back
// together after an outage do not knock on the service in step. A Retry-After from the service
// is a floor: it knows better than we do when it will be back.

export interface BackoffPolicy {
  /** Ceiling of the first retry's delay. */
  readonly baseMs: number;
  /** The ceiling never grows past this. */
  readonly capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1000, capMs: 60_000 };

/** Longest Retry-After honoured: a service asking for more is asked again after an hour anyway. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * The delay before retry number `failures` (1 after the first failure). `random` returns a
 * number in [0, 1), like Math.random; tests pass a seeded one.
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  policy: BackoffPolicy = defaultBackoff,
  retryAfterMs: number | null = null,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === null) return jittered;
  return Math.max(Math.min(retryAfterMs, MAX_RETRY_AFTER_MS), jittered);
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
