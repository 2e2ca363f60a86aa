// Wakes the long-polls parked on the change feed when a change is committed.

export class AppendSignal {
  readonly #waiters = new Set<() => void>();

  /** Wakes every waiter. Call after the commit, so a woken poll reads the new change. */
  notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  /** True when a change was appended before `timeoutMs` passed, false on timeout or abort. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (appended: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(onAppend);
        signal?.removeEventListener('abort', onAbort);
        resolve(appended);
      };
      const onAppend = () => finish(true);
      const onAbort = () => finish(false);
      const timer = setTimeout(onAbort, timeoutMs);
      this.#waiters.add(onAppend);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
    });
  }

  get waiting(): number {
    return this.#waiters.size;
  }
}
