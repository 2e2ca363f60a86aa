// Where pages of the change feed come from, fetched and checked: a worker thread (feed-worker.ts)
// by default, so that checking the next page runs beside writing this one; on the calling thread
// when the worker cannot start or has stopped, until the sync is started again (slower, never
// stopped: the reason is logged once).
// Either way a page arrives as a StagedPage or the request fails with a SyncError, and a request
// stops when its signal is aborted.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { recordsEndpoints } from '../../src-shared/protocol/endpoints';
import { readFeedPage } from './feed-page';
import type { StagedPage } from './feed-page';
import type { RecordsClient, RecordsClientOptions } from './records-client';
import { errorCode, stoppedError, SyncError } from './sync-error';
import type { SyncErrorCode } from './sync-error';

/**
 * Pages the feed worker checks ahead of what was asked for, at most: a few megabytes each. While
 * the main thread builds a set-aside index during an initial sync (a few hundred milliseconds on
 * the 'large' facility), the worker goes on with the pages after it. On 'large', four gave about
 * 4% less wall time per CPU second than two in interleaved runs (bench/sync.bench.ts; peak memory
 * about 10 MB more); six, no better than four.
 */
export const FEED_READ_AHEAD = 4;

export interface PageFetch {
  /** The cursor: the page holds changes after this seq. */
  readonly after: number;
  /** Changes per page. */
  readonly limit: number;
  /** > 0: long-poll, answered as soon as something newer than `after` exists. */
  readonly waitSeconds: number;
  readonly token: string;
  readonly signal: AbortSignal;
}

export interface PageSource {
  /** Gets ready for the first request now (the worker starts while the app does). */
  prepare(): void;
  /** One page of the feed, fetched and checked; rejects with a SyncError. */
  fetch(request: PageFetch): Promise<StagedPage>;
  /** Stops whatever is running and frees the thread. */
  close(): Promise<void>;
}

/** The request for a page, as the service takes it. */
function feedPath(after: number, limit: number, waitSeconds: number): string {
  const query = new URLSearchParams({ after: String(after), limit: String(limit) });
  if (waitSeconds > 0) query.set('wait', String(waitSeconds));
  return `${recordsEndpoints.changes}?${query.toString()}`;
}

/** A long-poll may wait for its answer to start for as long as it asked, and a stall more. */
function firstByteMs(waitSeconds: number, stallMs: number): number | undefined {
  return waitSeconds > 0 ? waitSeconds * 1000 + stallMs : undefined;
}

/** One page, fetched and checked by `client` on the thread it runs on (this one, or the worker's). */
export async function fetchPage(
  client: RecordsClient,
  request: Pick<PageFetch, 'after' | 'limit' | 'waitSeconds' | 'token' | 'signal'>,
): Promise<StagedPage> {
  const answer = await client.open('GET', feedPath(request.after, request.limit, request.waitSeconds), {
    token: request.token,
    signal: request.signal,
    firstByteMs: firstByteMs(request.waitSeconds, client.stallMs),
  });
  return readFeedPage(answer, request.after);
}

/** Pages fetched and checked on the calling thread. */
export function threadPages(client: RecordsClient): PageSource {
  return {
    prepare: () => undefined,
    fetch: (request) => fetchPage(client, request),
    close: async () => undefined,
  };
}

/** What the worker is started with: how to reach the service (no key, no token). */
export interface FeedWorkerData {
  readonly client: Omit<RecordsClientOptions, 'clock'>;
}

export type ToFeedWorker =
  | {
      readonly type: 'fetch';
      readonly id: number;
      readonly after: number;
      readonly limit: number;
      readonly waitSeconds: number;
      readonly token: string;
    }
  | { readonly type: 'abort'; readonly id: number }
  | { readonly type: 'close' };

/** A SyncError as it crosses the thread boundary. */
export interface WireError {
  readonly code: SyncErrorCode;
  readonly message: string;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  /** For the log: the underlying error's code or name (ECONNRESET, …), never its message. */
  readonly cause: string | null;
}

export type FromFeedWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'page'; readonly id: number; readonly page: StagedPage }
  | { readonly type: 'failed'; readonly id: number; readonly error: WireError };

export function wireError(error: unknown): WireError {
  if (error instanceof SyncError) {
    return {
      code: error.code,
      message: error.message,
      status: error.status,
      retryAfterMs: error.retryAfterMs,
      cause: causeName(error.cause),
    };
  }
  return {
    code: 'INTERNAL',
    message: 'Sallyport could not read a page of changes; it tries again.',
    status: null,
    retryAfterMs: null,
    cause: causeName(error),
  };
}

function causeName(error: unknown): string | null {
  return error === null ? null : (errorCode(error) ?? null);
}

function fromWire(error: WireError): SyncError {
  return new SyncError(error.code, error.message, {
    status: error.status ?? undefined,
    retryAfterMs: error.retryAfterMs,
    // The worker's error as far as the log needs it (its code), not the error itself.
    cause: error.cause === null ? undefined : { code: error.cause },
  });
}

export interface WorkerPagesOptions {
  /** How the worker reaches the service; the clock stays here (Retry-After dates use real time). */
  readonly client: Omit<RecordsClientOptions, 'clock'>;
  /** The calling thread's own client: the way pages come when the worker cannot run. */
  readonly fallback: RecordsClient;
  /** Told once, with the reason, when the worker cannot run. */
  readonly onUnavailable?: (reason: string) => void;
  /** The worker's entry, for tests; by default the one beside this module. */
  readonly entry?: URL;
}

interface Pending {
  readonly request: PageFetch;
  readonly resolve: (page: StagedPage) => void;
  readonly reject: (error: unknown) => void;
}

/** Pages fetched and checked on a worker thread, started at the first request. */
export function workerPages(options: WorkerPagesOptions): PageSource {
  return new WorkerPages(options);
}

class WorkerPages implements PageSource {
  readonly #options: WorkerPagesOptions;
  readonly #fallback: PageSource;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | null = null;
  #exited: Promise<void> = Promise.resolve();
  #ready = false;
  /** Why the worker cannot run; from then on pages come on this thread. */
  #broken: string | null = null;
  #closed = false;
  #nextId = 1;

  constructor(options: WorkerPagesOptions) {
    this.#options = options;
    this.#fallback = threadPages(options.fallback);
  }

  prepare(): void {
    if (this.#broken !== null || this.#closed) return;
    try {
      this.#start();
    } catch (error) {
      this.#lost(`the feed worker cannot start (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  fetch(request: PageFetch): Promise<StagedPage> {
    if (this.#closed) return Promise.reject(stoppedError('closing'));
    if (this.#broken !== null) return this.#fallback.fetch(request);
    if (request.signal.aborted) return Promise.reject(stoppedError(request.signal.reason));
    let worker: Worker;
    try {
      worker = this.#start();
    } catch (error) {
      // A worker that cannot even be made (its entry, or tsx from source, not found).
      this.#lost(`the feed worker cannot start (${error instanceof Error ? error.message : String(error)})`);
      return this.#fallback.fetch(request);
    }
    const id = this.#nextId++;
    return new Promise<StagedPage>((resolve, reject) => {
      const onAbort = () => {
        if (!this.#pending.delete(id)) return;
        worker.postMessage({ type: 'abort', id } satisfies ToFeedWorker);
        this.#idle();
        reject(stoppedError(request.signal.reason));
      };
      request.signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => request.signal.removeEventListener('abort', onAbort);
      this.#pending.set(id, {
        request,
        resolve: (page) => {
          settle();
          resolve(page);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      worker.ref();
      worker.postMessage({
        type: 'fetch',
        id,
        after: request.after,
        limit: request.limit,
        waitSeconds: request.waitSeconds,
        token: request.token,
      } satisfies ToFeedWorker);
    });
  }

  /** Stops the worker; a later fetch starts a new one (the sync can be started again). */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) {
      this.#broken = null;
      return;
    }
    this.#closed = true;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.reject(stoppedError('closed'));
    }
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies ToFeedWorker);
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await this.#exited;
    clearTimeout(timer);
    this.#worker = null;
    this.#ready = false;
    this.#closed = false;
    // A worker that failed is tried again when the sync starts again.
    this.#broken = null;
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = spawnFeedWorker({ client: this.#options.client }, this.#options.entry);
    this.#worker = worker;
    worker.unref();
    worker.on('message', (message: FromFeedWorker) => this.#receive(message));
    worker.on('error', (error) => {
      if (!this.#closed) this.#lost(`the feed worker failed (${error.name}: ${error.message})`);
    });
    this.#exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        if (!this.#closed) this.#lost(`the feed worker stopped (exit code ${code})`);
        resolve();
      });
    });
    return worker;
  }

  #receive(message: FromFeedWorker): void {
    if (message.type === 'ready') {
      this.#ready = true;
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return; // aborted meanwhile
    this.#pending.delete(message.id);
    this.#idle();
    if (message.type === 'page') pending.resolve(message.page);
    else pending.reject(fromWire(message.error));
  }

  /** The worker is gone: from now on pages come on this thread; what was asked is asked again. */
  #lost(reason: string): void {
    if (this.#broken !== null) return;
    this.#broken = reason;
    this.#options.onUnavailable?.(reason);
    const started = this.#ready;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      if (started) {
        // It may have died halfway through a page: that attempt fails and the sync tries again.
        pending.reject(
          new SyncError('INTERNAL', 'Sallyport could not read a page of changes; it tries again.'),
        );
      } else {
        this.#fallback.fetch(pending.request).then(pending.resolve, pending.reject);
      }
    }
    void this.#worker?.terminate();
  }

  /** The worker keeps the process alive only while a page is asked for. */
  #idle(): void {
    if (this.#pending.size === 0 && !this.#closed) this.#worker?.unref();
  }
}

/**
 * Starts the worker beside this module: feed-worker.js in a build (scripts/build.mjs puts it next
 * to each bundle that syncs); from source (tests, benchmarks) the TypeScript file through tsx.
 */
function spawnFeedWorker(data: FeedWorkerData, entry?: URL): Worker {
  const here = import.meta.url;
  const options = { workerData: data };
  if (entry) return new Worker(entry, options);
  if (!here.endsWith('.ts')) return new Worker(new URL('./feed-worker.js', here), options);
  const source = new URL('./feed-worker.ts', here).href;
  const register = `import(${JSON.stringify(tsxEsmApi(here))}).then((tsx) => tsx.register())`;
  return new Worker(`${register}.then(() => import(${JSON.stringify(source)}));`, { ...options, eval: true });
}

/** tsx's ESM API (its `register`), found through the export map of the tsx installed here. */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}
