// The sync engine the composition root builds: a loop that sends the outbox and the audit trail,
// pulls the change feed to its head, applies retention, then long-polls for the next change.
// Failures back off with full jitter (honouring Retry-After); a refused or missing device token
// stops the loop until the token changes or someone asks again, so a bad token never becomes a
// storm of requests. Everything it does is visible through getStatus() and onStatus().
import { createHash } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors';
import type { ContactRequest, VisitRequest } from '../../src-shared/domain/records';
import type { Policy } from '../../src-shared/policy/policy';
import type { AuditTrail } from '../audit/audit-trail';
import { undeliveredAuditCount } from '../audit/upload-queue';
import type { Cache } from '../store/open-cache';
import { backoffDelay, defaultBackoff } from './backoff';
import { withCache } from './cache-access';
import { decisionMaker, draftMaker, queueMutation } from './enqueue';
import type { MutationMaker } from './enqueue';
import { FeedWriter } from './feed-writer';
import { finishInitialSync, IndexCatchUp, prepareInitialSync } from './initial-sync';
import { localRecords } from './local-records';
import { Outbox } from './outbox';
import type { SyncNotice } from './outbox';
import { pullToHead } from './pull';
import { deliverAudit, pushOutbox } from './push';
import { RecordsClient } from './records-client';
import { purgeExpired } from './retention';
import type {
  DecisionInput,
  MutationDraft,
  QueuedMutation,
  Sync,
  SyncLog,
  SyncOptions,
  SyncTuning,
} from './sync-api';
import { asSyncError, errorCode, noTokenMessage, SyncError } from './sync-error';
import { readSyncState, recordSyncAttempt } from './sync-state';
import type { SyncState } from './sync-state';
import { StatusHub } from './sync-status';
import type { SyncStatus, SyncStatusListener } from './sync-status';
import { Wakeups } from './wakeups';
import { threadPages, workerPages } from './feed-pages';
import type { StagedPage } from './feed-page';
import type { PageSource } from './feed-pages';

const MAX_WAIT_SECONDS = 60;

export function createSync(options: SyncOptions): Sync {
  return new SyncEngine(options);
}

class SyncEngine implements Sync {
  readonly #cache: Cache;
  readonly #audit: AuditTrail;
  readonly #retention: Policy['retention'];
  readonly #deviceToken: () => Promise<string | null>;
  readonly #clock: () => Date;
  readonly #random: () => number;
  readonly #log: SyncLog;
  readonly #tuning: SyncTuning;
  readonly #client: RecordsClient;
  readonly #pages: PageSource;
  readonly #writer: FeedWriter;
  readonly #outbox: Outbox;
  readonly #records;
  readonly #status: StatusHub;

  #running = false;
  #loop: Promise<void> | null = null;
  #oneShot: Promise<void> | null = null;
  #stopping = new AbortController();
  /** When the next round runs: cuts a long-poll short for a decision, any wait for a person. */
  readonly #wakeups = new Wakeups();
  #waiters: ((status: SyncStatus) => void)[] = [];
  #failures = 0;
  /** Set while stopped for the device token: the hash of the token refused ('' for none). */
  #blockedToken: string | null = null;
  #lastPurgeAt: number | null = null;
  #changesApplied = 0;
  #showInitial: boolean;

  constructor(options: SyncOptions) {
    const { cache, policy } = options;
    this.#cache = cache;
    this.#audit = options.audit;
    this.#retention = policy.retention;
    this.#deviceToken = options.deviceToken;
    this.#clock = options.clock ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#log = options.log ?? { info: () => undefined, warn: () => undefined, error: () => undefined };
    this.#tuning = {
      pageLimit: 10_000,
      stallSeconds: 15,
      longPollSeconds: Math.min(policy.records.pollSeconds, MAX_WAIT_SECONDS),
      backoff: defaultBackoff,
      retentionGapMs: 60_000,
      retentionEveryMs: 60 * 60_000,
      tokenCheckMs: Math.max(policy.records.pollSeconds, 5) * 1000,
      feedWorker: true,
      ...options.tuning,
    };
    const service = {
      url: policy.records.url,
      allowPlaintext: policy.records.allowPlaintext,
      caPem: options.caPem,
      stallMs: this.#tuning.stallSeconds * 1000,
    };
    this.#client = new RecordsClient({ ...service, clock: this.#clock });
    this.#pages = this.#tuning.feedWorker
      ? workerPages({
          client: service,
          fallback: this.#client,
          onUnavailable: (reason) =>
            this.#log.warn({ reason }, 'the feed worker cannot run: pages are checked on the main thread'),
        })
      : threadPages(this.#client);
    // The worker loads while the app starts, not while the first page is awaited.
    this.#pages.prepare();
    this.#writer = new FeedWriter(cache.sqlite, this.#clock);
    this.#outbox = new Outbox(cache.sqlite);
    this.#records = localRecords(cache.sqlite);

    const state = readSyncState(cache.sqlite);
    this.#showInitial = state.initialCompletedAt === null;
    this.#status = new StatusHub(
      {
        online: false,
        phase: 'stopped',
        lastSuccessAt: state.lastSuccessAt,
        changesApplied: 0,
        outboxPending: this.#outbox.countPending(),
        notices: this.#outbox.countNotices(),
        error: null,
        nextRetryAt: null,
        initial: this.#initialOf(state),
      },
      (error) => this.#log.error({ err: errorCode(error) }, 'a sync status listener failed'),
    );
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopping = new AbortController();
    this.#wakeups.reopen();
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    const stopping = this.#stopping;
    stopping.abort();
    this.#wakeups.close();
    await this.#loop;
    await this.#oneShot;
    this.#loop = null;
    this.#client.close();
    await this.#pages.close();
    // A sync on demand asked for meanwhile saw the stop signal and ends at once: wait for it too.
    for (let shot = this.#oneShot; shot !== null; shot = this.#oneShot === shot ? null : this.#oneShot) {
      await shot;
    }
    this.#status.update({ phase: 'stopped', nextRetryAt: null });
    // Nothing runs any more: a sync on demand works again, as before start() (unless start() was
    // called meanwhile, which made its own signal).
    if (!this.#running && this.#stopping === stopping) this.#stopping = new AbortController();
    for (const resolve of this.#waiters.splice(0)) resolve(this.getStatus());
  }

  async syncNow(): Promise<SyncStatus> {
    if (!this.#running) {
      this.#oneShot ??= this.#attempt(false, new AbortController().signal).then(
        () => undefined,
        () => undefined,
      );
      const running = this.#oneShot;
      await running;
      if (this.#oneShot === running) this.#oneShot = null;
      return this.getStatus();
    }
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#wakeups.want(true);
    });
  }

  async enqueueDecision(
    input: DecisionInput,
  ): Promise<QueuedMutation & { record: VisitRequest | ContactRequest }> {
    const queued = await this.#queue(decisionMaker(input));
    const record = await withCache(this.#cache, () => this.#records.get(input.entity, input.recordId));
    if (!record) throw new AppError('NOT_FOUND', "This request is no longer in the workstation's records.");
    return { ...queued, record: record.record };
  }

  enqueue(draft: MutationDraft): Promise<QueuedMutation> {
    return this.#queue(draftMaker(draft));
  }

  async #queue(make: MutationMaker): Promise<QueuedMutation> {
    const mutation = await queueMutation(
      {
        cache: this.#cache,
        audit: this.#audit,
        outbox: this.#outbox,
        records: this.#records,
        now: this.#clock(),
      },
      make,
    );
    this.#status.update({ outboxPending: await withCache(this.#cache, () => this.#outbox.countPending()) });
    if (this.#running) this.#wakeups.want(false);
    return { id: mutation.id, mutation };
  }

  getStatus(): SyncStatus {
    return this.#status.get();
  }

  onStatus(listener: SyncStatusListener): () => void {
    return this.#status.subscribe(listener);
  }

  listNotices(): Promise<SyncNotice[]> {
    return withCache(this.#cache, () => this.#outbox.notices());
  }

  async dismissNotice(id: string): Promise<boolean> {
    const dismissed = await withCache(this.#cache, () => this.#outbox.dismiss(id));
    this.#status.update({ notices: await withCache(this.#cache, () => this.#outbox.countNotices()) });
    return dismissed;
  }

  // ---- the loop ---------------------------------------------------------------------------

  async #run(): Promise<void> {
    while (this.#running) {
      if (this.#blockedToken !== null && !(await this.#unblocked())) continue;
      const longPoll =
        !this.#wakeups.wanted && this.#waiters.length === 0 && this.#status.get().phase === 'idle';
      const wake = this.#wakeups.beginRound();
      const waiters = longPoll ? [] : this.#waiters.splice(0);
      const failure = await this.#attempt(longPoll, wake);
      for (const resolve of waiters) resolve(this.getStatus());
      if (failure && this.#running && this.#blockedToken === null)
        await this.#wakeups.sleep(this.#retryDelay(failure));
    }
  }

  /** One round; returns the failure (already shown in the status), or null. */
  async #attempt(longPoll: boolean, wake: AbortSignal): Promise<SyncError | null> {
    if (!longPoll) this.#status.update({ phase: 'syncing' });
    let token: string | null = null;
    try {
      token = await this.#deviceToken();
      if (token === null || token.trim() === '') throw new SyncError('NO_TOKEN', noTokenMessage);
      await this.#round(token, longPoll, wake);
      this.#failures = 0;
      this.#blockedToken = null;
      this.#status.update({ online: true, phase: 'idle', error: null, nextRetryAt: null });
      return null;
    } catch (error) {
      // A long-poll cut short on purpose (a decision to send, a manual sync, stop) is no failure.
      if ((longPoll && wake.aborted) || this.#stopping.signal.aborted) return null;
      const failure = asSyncError(error);
      this.#failed(failure, token);
      return failure.retryable ? failure : null;
    }
  }

  async #round(token: string, longPoll: boolean, wake: AbortSignal): Promise<void> {
    const signal = this.#stopping.signal;
    if (this.#outbox.countPending() > 0) {
      const pushed = await pushOutbox({
        cache: this.#cache,
        client: this.#client,
        token,
        signal,
        outbox: this.#outbox,
        records: this.#records,
        audit: this.#audit,
        clock: this.#clock,
      });
      if (pushed.notices.length > 0)
        this.#log.info({ refused: pushed.notices.length }, 'the records service refused queued changes');
      await this.#refreshCounts();
    }
    if ((await undeliveredAuditCount(this.#cache.db)) > 0) {
      await deliverAudit({ cache: this.#cache, client: this.#client, token, signal });
    }
    const pull = (waitSeconds: number, initial: boolean) =>
      pullToHead(
        {
          cache: this.#cache,
          pages: this.#pages,
          token,
          signal: waitSeconds > 0 ? AbortSignal.any([signal, wake]) : signal,
          writer: this.#writer,
          outbox: this.#outbox,
          records: this.#records,
          pageLimit: this.#tuning.pageLimit,
          onPage: (result) => this.#pageApplied(result.applied, result.state),
          afterPage: initial ? catchUp(new IndexCatchUp(this.#cache)) : undefined,
        },
        waitSeconds,
      );
    let applied: number;
    let initial: boolean;
    try {
      initial = await prepareInitialSync(this.#cache, this.#log);
      applied = (await pull(longPoll ? this.#tuning.longPollSeconds : 0, initial)).applied;
    } catch (error) {
      if (!(error instanceof SyncError && error.code === 'CURSOR_UNKNOWN')) throw error;
      this.#log.warn(
        { code: error.code },
        'the records service no longer knows the cursor: syncing again from zero',
      );
      await withCache(this.#cache, () => this.#writer.resetForResync());
      this.#showInitial = true;
      initial = await prepareInitialSync(this.#cache, this.#log);
      applied = (await pull(0, initial)).applied;
    }
    await finishInitialSync(this.#cache, this.#log, signal, initial);
    await withCache(this.#cache, () => recordSyncAttempt(this.#cache.sqlite, this.#clock(), null));
    this.#status.update({ lastSuccessAt: this.#clock().toISOString(), online: true, error: null });
    // When stopping, the purge waits for the next round: the stop may have cut short the building
    // of set-aside indexes (the next round builds them first), and a purge without them would
    // search whole tables while the app closes.
    if (!signal.aborted) await this.#purgeIfDue(applied);
  }

  #pageApplied(applied: number, state: SyncState): void {
    this.#changesApplied += applied;
    this.#status.update({
      online: true,
      changesApplied: this.#changesApplied,
      lastSuccessAt: state.lastSuccessAt,
      initial: this.#initialOf(state),
    });
  }

  async #purgeIfDue(applied: number): Promise<void> {
    const now = this.#clock();
    const since = this.#lastPurgeAt === null ? Number.POSITIVE_INFINITY : now.getTime() - this.#lastPurgeAt;
    if (since < this.#tuning.retentionGapMs || (applied === 0 && since < this.#tuning.retentionEveryMs))
      return;
    this.#lastPurgeAt = now.getTime();
    const counts = await purgeExpired(this.#cache, this.#audit, this.#retention, now);
    if (Object.values(counts).some((count) => count > 0)) this.#log.info({ ...counts }, 'retention purge');
  }

  #failed(failure: SyncError, token: string | null): void {
    this.#log.warn(
      { code: failure.code, status: failure.status, cause: errorCode(failure.cause) },
      'records sync failed',
    );
    void withCache(this.#cache, () =>
      recordSyncAttempt(this.#cache.sqlite, this.#clock(), failure.message),
    ).catch(() => undefined);
    const local = failure.code === 'CACHE_FAILED' || failure.code === 'INTERNAL';
    if (!failure.retryable) {
      this.#blockedToken = failure.code === 'TOKEN_REFUSED' && token !== null ? tokenHash(token) : '';
      this.#status.update({ online: false, phase: 'blocked', error: failure.message, nextRetryAt: null });
      return;
    }
    this.#failures += 1;
    this.#status.update({ online: local ? this.#status.get().online : false, error: failure.message });
  }

  #retryDelay(failure: SyncError): number {
    const delay = backoffDelay(this.#failures, this.#random, this.#tuning.backoff, failure.retryAfterMs);
    this.#status.update({
      phase: 'retrying',
      nextRetryAt: new Date(this.#clock().getTime() + delay).toISOString(),
    });
    return delay;
  }

  /** While stopped for the token: true once a person asked, or the keychain holds another token. */
  async #unblocked(): Promise<boolean> {
    if (!this.#wakeups.manual && !this.#wakeups.wanted) {
      await this.#wakeups.sleep(this.#tuning.tokenCheckMs);
      if (!this.#running) return false;
    }
    if (!this.#wakeups.manual) {
      const token = await this.#deviceToken().catch(() => null);
      if (token === null || tokenHash(token) === this.#blockedToken) {
        this.#wakeups.forget();
        return false;
      }
    }
    this.#blockedToken = null;
    return true;
  }

  async #refreshCounts(): Promise<void> {
    const [outboxPending, notices] = await withCache(this.#cache, () => [
      this.#outbox.countPending(),
      this.#outbox.countNotices(),
    ]);
    this.#status.update({ outboxPending, notices });
  }

  #initialOf(state: SyncState): SyncStatus['initial'] {
    if (!this.#showInitial) return null;
    const expected = state.initialExpected;
    const received = state.initialReceived ?? 0;
    return {
      done: state.initialCompletedAt !== null,
      received: expected === null ? received : Math.min(received, expected),
      expected,
    };
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The initial sync's index catch-up as a pull's afterPage. */
function catchUp(indexes: IndexCatchUp): (page: StagedPage) => Promise<void> {
  return (page) => indexes.afterPage(page);
}
