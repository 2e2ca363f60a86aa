// A failed sign-in takes about as long as a successful one, so timing does not tell an attacker
// which step failed or whether the username exists. Failures wait until the running average of
// recent successful sign-ins (with a little jitter) has passed since the attempt began.
export interface FailurePacing {
  recordSuccess(elapsedMs: number): void;
  /** How long a failure that began `elapsedMs` ago should still wait. */
  remainingFor(elapsedMs: number): number;
}

export function createFailurePacing(options: { initialMs: number; random: () => number }): FailurePacing {
  let typicalMs = options.initialMs;
  return {
    recordSuccess(elapsedMs) {
      typicalMs = typicalMs * 0.8 + elapsedMs * 0.2;
    },
    remainingFor(elapsedMs) {
      const target = typicalMs * (0.9 + 0.2 * options.random());
      return Math.max(0, target - elapsedMs);
    },
  };
}
