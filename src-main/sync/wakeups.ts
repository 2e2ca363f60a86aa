// When the sync loop runs its next round. A decision to send or a manual sync cuts a long-poll
// short; only a manual sync (or stop) cuts a backoff or a wait for a new device token short, so a
// decision queued during an outage waits like everything else and never becomes a request storm.

export class Wakeups {
  #round = new AbortController();
  readonly #sleepers = new Set<() => void>();
  #wanted = false;
  #manual = false;
  #closed = false;

  /** A round was asked for (a decision queued, a manual sync) since the last one began. */
  get wanted(): boolean {
    return this.#wanted;
  }

  /** A person asked (syncNow) since the last round began. */
  get manual(): boolean {
    return this.#manual;
  }

  /** A round begins: forgets the requests it answers; its signal aborts when the next is wanted. */
  beginRound(): AbortSignal {
    this.#wanted = false;
    this.#manual = false;
    this.#round = new AbortController();
    return this.#round.signal;
  }

  /** Asks for a round as soon as possible: ends a long-poll, and with `manual` any wait. */
  want(manual: boolean): void {
    this.#wanted = true;
    if (manual) this.#manual = true;
    this.#round.abort();
    for (const sleeper of [...this.#sleepers]) sleeper();
  }

  /** Drops a request that turned out to need no round (the device token is still the refused one). */
  forget(): void {
    this.#wanted = false;
  }

  /** Ends every wait for good (stop), until `reopen`. */
  close(): void {
    this.#closed = true;
    this.want(false);
    this.#wanted = false;
  }

  reopen(): void {
    this.#closed = false;
  }

  /** Waits `ms`, or less if a person asks for a round or the loop is closed. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleepers.delete(onWake);
        resolve();
      };
      const onWake = () => {
        if (this.#manual || this.#closed) done();
      };
      const timer = setTimeout(done, ms);
      this.#sleepers.add(onWake);
      onWake();
    });
  }
}
