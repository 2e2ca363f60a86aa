// Where pages of the feed come from: the worker thread fetches and checks a page exactly as the
// calling thread does, a refusal crosses the thread as the same SyncError, an abort or close()
// stops the request at the service too, and a worker that cannot start only makes pages slower.
// Every request goes to the real records service on loopback.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FEED_READ_AHEAD, threadPages, workerPages } from './feed-pages';
import type { PageFetch, PageSource, WorkerPagesOptions } from './feed-pages';
import type { StagedPage } from './feed-page';
import { RecordsClient } from './records-client';
import { SyncError, tokenRefusedMessage } from './sync-error';
import { peerToken, startPeer } from './testing/records-peer';
import type { Fault, RecordsPeer } from './testing/records-peer';

const CHANGES = '/v1/changes';

let peer: RecordsPeer;
beforeAll(async () => {
  peer = await startPeer({ size: 'small' });
}, 30_000);
afterAll(async () => {
  await peer?.close();
});

// Every source and client a test opens is closed after it, so no worker or socket outlives it.
let sources: PageSource[] = [];
let clients: RecordsClient[] = [];
afterEach(async () => {
  await Promise.all(sources.map((source) => source.close()));
  for (const client of clients) client.close();
  sources = [];
  clients = [];
  peer.faults.clear();
});

const service = () => ({ url: peer.url, allowPlaintext: true, caPem: null, stallMs: 5000 });

function client(): RecordsClient {
  const made = new RecordsClient({ ...service(), clock: () => new Date() });
  clients.push(made);
  return made;
}

function onThread(): PageSource {
  const source = threadPages(client());
  sources.push(source);
  return source;
}

function onWorker(options: Partial<WorkerPagesOptions> = {}): PageSource {
  const source = workerPages({ client: service(), fallback: client(), ...options });
  sources.push(source);
  return source;
}

function request(after: number, extra: Partial<PageFetch> = {}): PageFetch {
  return {
    after,
    limit: 250,
    waitSeconds: 0,
    token: peerToken,
    signal: new AbortController().signal,
    ...extra,
  };
}

/** The error a fetch rejects with (the test fails if it resolves). */
async function failure(pending: Promise<StagedPage>): Promise<SyncError> {
  const error = await pending.then(
    () => expect.unreachable('the page should have been refused'),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

const described = (error: SyncError) => ({
  code: error.code,
  message: error.message,
  status: error.status,
  retryAfterMs: error.retryAfterMs,
});

/** Lets real I/O run until `condition` holds. */
async function until(condition: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('pages from the feed worker', () => {
  it('are the pages the calling thread fetches and checks for the same cursor', async () => {
    const worker = onWorker();
    const thread = onThread();
    const first = await worker.fetch(request(0));
    expect(first).toEqual(await thread.fetch(request(0)));
    expect(first.segments.length).toBeGreaterThan(0);
    expect(first.lines).toBe(250);

    // A page from the middle of the feed, with a record that fails its schema on both requests:
    // the worker quarantines it exactly as the calling thread does. Each fault is set for the
    // next request, so no worker may be reading ahead meanwhile: the first is closed, and a
    // fresh one fetches the page and is closed before the calling thread asks.
    const after = first.checkpoint.seq;
    await worker.close();
    peer.faults.next(CHANGES, { kind: 'bad-record', atLine: 3 });
    const fresh = onWorker();
    const middle = await fresh.fetch(request(after));
    await fresh.close();
    peer.faults.next(CHANGES, { kind: 'bad-record', atLine: 3 });
    expect(middle).toEqual(await thread.fetch(request(after)));
    expect(middle).toMatchObject({ after, lines: 250, skipped: 0 });
    expect(middle.quarantined).toHaveLength(1);
    expect(middle.quarantined[0]!.reason).toMatch(/fails its schema/);
  });

  it('read ahead: the next pages are fetched before they are asked for, then handed over', async () => {
    // The feed must be longer than the pages asked for and read ahead here.
    expect(peer.service.headSeq()).toBeGreaterThan((FEED_READ_AHEAD + 3) * request(0).limit);
    const worker = onWorker();
    const before = peer.faults.seen(CHANGES);
    const first = await worker.fetch(request(0));
    await until(
      () => peer.faults.seen(CHANGES) === before + 1 + FEED_READ_AHEAD,
      `the ${FEED_READ_AHEAD} pages after it to be fetched`,
    );
    const second = await worker.fetch(request(first.checkpoint.seq));
    const third = await worker.fetch(request(second.checkpoint.seq));
    // Handed over without asking the service again; the read-ahead moves on behind them.
    await until(
      () => peer.faults.seen(CHANGES) === before + 3 + FEED_READ_AHEAD,
      'the read-ahead to move on',
    );
    expect(second).toEqual(await onThread().fetch(request(first.checkpoint.seq)));
    expect(third).toEqual(await onThread().fetch(request(second.checkpoint.seq)));
    // Asked for another cursor, the worker drops what it read ahead and fetches that.
    const again = await worker.fetch(request(0));
    expect(again).toEqual(first);
  });

  it('refuse a wrong device token with the same SyncError as the calling thread', async () => {
    const wrong = request(0, { token: 'not-the-device-token-0123456789abcdef' });
    const fromWorker = await failure(onWorker().fetch(wrong));
    const fromThread = await failure(onThread().fetch(wrong));
    expect(fromWorker).toMatchObject({ code: 'TOKEN_REFUSED', status: 401, message: tokenRefusedMessage });
    expect(fromWorker.retryable).toBe(false);
    expect(described(fromWorker)).toEqual(described(fromThread));
  });

  it('keep the Retry-After of a 503 across the thread', async () => {
    const unavailable: Fault = { kind: 'status', status: 503, retryAfter: '7' };
    peer.faults.next(CHANGES, unavailable, unavailable);
    const fromWorker = await failure(onWorker().fetch(request(0)));
    const fromThread = await failure(onThread().fetch(request(0)));
    expect(fromWorker).toMatchObject({ code: 'SERVICE_FAILED', status: 503, retryAfterMs: 7000 });
    expect(described(fromWorker)).toEqual(described(fromThread));
  });

  it('refuse a damaged page as BAD_PAGE', async () => {
    peer.faults.next(CHANGES, { kind: 'bad-json-line', afterLines: 5 });
    const error = await failure(onWorker().fetch(request(0)));
    expect(error.code).toBe('BAD_PAGE');
    expect(error.message).toMatch(/line 6 is not valid JSON/);
    expect(peer.faults.pending(CHANGES)).toBe(0);
  });

  it('stop a parked long-poll at once when its signal is aborted, and fetch again afterwards', async () => {
    const source = onWorker();
    const head = peer.service.headSeq();
    const controller = new AbortController();
    const parked = source.fetch(request(head, { waitSeconds: 20, signal: controller.signal }));
    await until(() => peer.service.waitingPolls() === 1, 'the long-poll to park');

    const abortedAt = performance.now();
    controller.abort(new Error('the sync stopped'));
    const error = await failure(parked);
    expect(error.code).toBe('TIMEOUT');
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    // The worker dropped the request too: the service no longer holds it.
    await until(() => peer.service.waitingPolls() === 0, 'the service to let the poll go');

    // The same source long-polls again and gets the change made meanwhile.
    const next = source.fetch(request(head, { waitSeconds: 20 }));
    await until(() => peer.service.waitingPolls() === 1, 'the second long-poll to park');
    peer.service.upsert('staff', {
      id: 'stf-after-abort',
      username: 'a.fter',
      displayName: 'After Abort',
      role: 'officer',
      active: true,
    });
    const page = await next;
    expect(page).toMatchObject({ after: head, lines: 1, checkpoint: { seq: head + 1 } });
    expect(page.segments).toMatchObject([{ op: 'upsert', entity: 'staff', count: 1 }]);
  });

  it('refuse a request whose signal is already aborted, without asking the service', async () => {
    const before = peer.faults.seen(CHANGES);
    const error = await failure(onWorker().fetch(request(0, { signal: AbortSignal.abort() })));
    expect(error.code).toBe('TIMEOUT');
    expect(peer.faults.seen(CHANGES)).toBe(before);
  });

  it('come from the calling thread when the worker cannot start, with the reason told once', async () => {
    const onUnavailable = vi.fn();
    const source = onWorker({ entry: new URL('file:///nonexistent/feed-worker.js'), onUnavailable });
    const first = await source.fetch(request(0));
    expect(first).toEqual(await onThread().fetch(request(0)));
    const second = await source.fetch(request(first.checkpoint.seq));
    expect(second.after).toBe(first.checkpoint.seq);
    expect(second.lines).toBeGreaterThan(0);
    expect(onUnavailable).toHaveBeenCalledTimes(1);
    expect(onUnavailable).toHaveBeenCalledWith(expect.stringMatching(/feed worker/));
  });

  it('come from the calling thread when the worker cannot even be made', async () => {
    const onUnavailable = vi.fn();
    // new Worker() throws at once for an entry that is not a file: no promise is left unsettled.
    const source = onWorker({ entry: new URL('http://127.0.0.1/feed-worker.js'), onUnavailable });
    expect(await source.fetch(request(0))).toEqual(await onThread().fetch(request(0)));
    await source.fetch(request(0));
    expect(onUnavailable).toHaveBeenCalledTimes(1);
    expect(onUnavailable).toHaveBeenCalledWith(expect.stringMatching(/cannot start/));
  });

  it('fail the page a worker dies on, then come from the calling thread until restarted', async () => {
    // A stand-in worker that starts, then stops in the middle of its first page.
    const dir = mkdtempSync(path.join(tmpdir(), 'sallyport-dying-worker-'));
    const entry = path.join(dir, 'worker.mjs');
    writeFileSync(
      entry,
      `import { parentPort } from 'node:worker_threads';
       parentPort.postMessage({ type: 'ready' });
       parentPort.on('message', (m) => { if (m.type === 'fetch') process.exit(3); else parentPort.close(); });`,
    );
    try {
      const onUnavailable = vi.fn();
      const source = onWorker({ entry: pathToFileURL(entry), onUnavailable });
      source.prepare();
      const lost = await failure(source.fetch(request(0)));
      expect(lost.code).toBe('INTERNAL');
      expect(onUnavailable).toHaveBeenCalledWith(expect.stringMatching(/stopped/));
      // The sync goes on, on this thread.
      expect((await source.fetch(request(0))).lines).toBeGreaterThan(0);
      // Started again (close, then a fetch), the worker is tried again.
      await source.close();
      await failure(source.fetch(request(0)));
      expect(onUnavailable).toHaveBeenCalledTimes(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop with close(), which ends what is running, and start a new worker on the next fetch', async () => {
    const onUnavailable = vi.fn();
    const source = onWorker({ onUnavailable });
    await source.fetch(request(0));
    const head = peer.service.headSeq();
    const parked = source.fetch(request(head, { waitSeconds: 20 }));
    await until(() => peer.service.waitingPolls() === 1, 'the long-poll to park');

    const refused = failure(parked);
    const closingAt = performance.now();
    await source.close();
    // The worker stopped by itself, well before close() would have had to kill it (2 s).
    expect(performance.now() - closingAt).toBeLessThan(1500);
    expect((await refused).code).toBe('TIMEOUT');
    await until(() => peer.service.waitingPolls() === 0, 'the service to let the poll go');

    const again = await source.fetch(request(0));
    expect(again).toEqual(await onThread().fetch(request(0)));
    // Closing is not the worker failing: nothing fell back to the calling thread.
    expect(onUnavailable).not.toHaveBeenCalled();
  });
});

// What the packaged app and the browser preview start: the bundles scripts/build.mjs makes. The
// tests above run the TypeScript; a bundle that fails to load would only show as a slower sync.
describe('the built feed worker', () => {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const bundles = ['dist/electron/feed-worker.js', 'dist/dev/feed-worker.js'];

  beforeAll(() => {
    // `npm test` builds before it tests; run alone, this builds when a bundle is missing or older
    // than the sources, so the test never runs yesterday's worker.
    const newest = (entry: string): number =>
      statSync(entry).isDirectory()
        ? readdirSync(entry).reduce((most, name) => Math.max(most, newest(path.join(entry, name))), 0)
        : statSync(entry).mtimeMs;
    const sources = Math.max(
      newest(path.join(repoRoot, 'src-main')),
      newest(path.join(repoRoot, 'src-shared')),
    );
    const current = bundles.every((bundle) => {
      const file = path.join(repoRoot, bundle);
      return existsSync(file) && statSync(file).mtimeMs >= sources;
    });
    if (current) return;
    // Not vitest's NODE_ENV=test: Vite would bake it into the renderer and ship React's test build.
    const { NODE_ENV: _testEnv, ...env } = process.env;
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    });
    expect(built.status).toBe(0);
  }, 120_000);

  it.each(bundles)('%s fetches and checks pages as the source does', async (bundle) => {
    // It holds its dependencies (scripts/build.mjs): only Node's own modules are imported.
    const text = readFileSync(path.join(repoRoot, bundle), 'utf8');
    expect(text.match(/^import .* from "(?!node:)[^"]*";$/gm)).toBeNull();
    expect(text).toMatch(/^import .* from "node:worker_threads";$/m);
    const onUnavailable = vi.fn();
    const source = onWorker({ entry: pathToFileURL(path.join(repoRoot, bundle)), onUnavailable });
    expect(await source.fetch(request(0))).toEqual(await onThread().fetch(request(0)));
    expect(onUnavailable).not.toHaveBeenCalled();
  });
});
