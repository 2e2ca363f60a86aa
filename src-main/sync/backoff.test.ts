import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './backoff';

describe('backoff', () => {
  const policy = { baseMs: 1000, capMs: 30_000 };

  it('draws each delay between zero and a ceiling that doubles up to the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 50].map((failures) =>
      backoffDelay(failures, () => 0.999999, policy),
    );
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999]);
    expect(backoffDelay(3, () => 0, policy)).toBe(0);
    expect(backoffDelay(3, () => 0.25, policy)).toBe(1000);
  });

  it('never retries sooner than Retry-After, and caps what it honours at an hour', () => {
    expect(backoffDelay(1, () => 0.5, policy, 7000)).toBe(7000);
    expect(backoffDelay(6, () => 0.5, policy, 7000)).toBe(15_000);
    expect(backoffDelay(1, () => 0.5, policy, 86_400_000)).toBe(3_600_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
