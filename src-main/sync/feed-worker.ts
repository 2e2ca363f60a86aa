// The feed worker: a thread of its own that fetches pages of the change feed and checks them
// (feed-page.ts: JSON, then every record against its schema), so the main thread only writes.
// It reads ahead: once a page that is not the feed's head has been checked, the page after it is
// fetched and checked too, up to FEED_READ_AHEAD pages beyond the one last handed over, and each is
// handed over when the main thread asks for it (all dropped if it asks for anything else). So
// while the main thread writes a page, or builds an index during an initial sync, this thread
// keeps working. It holds no key and opens no file; it sees the device token only as each
// request's header.
// Started by feed-pages.ts; every message is one of the types there.
import { parentPort, workerData } from 'node:worker_threads';
import type { StagedPage } from './feed-page';
import type { FeedWorkerData, FromFeedWorker, ToFeedWorker, WireError } from './feed-pages';
import { FEED_READ_AHEAD, fetchPage, wireError } from './feed-pages';
import { RecordsClient } from './records-client';

type Fetch = Extract<ToFeedWorker, { type: 'fetch' }>;
type Outcome = { readonly page: StagedPage } | { readonly error: WireError };

/** One page being fetched and checked. */
interface Load {
  readonly after: number;
  readonly limit: number;
  readonly token: string;
  readonly controller: AbortController;
  readonly outcome: Promise<Outcome>;
}

const port = parentPort!;
const data = workerData as FeedWorkerData;
const client = new RecordsClient({ ...data.client, clock: () => new Date() });
/** Requests being answered, by id: aborting one stops its load. */
const running = new Map<number, AbortController>();
/** Pages read ahead, in feed order: ahead[0] follows the last page handed over. */
let ahead: Load[] = [];

function load(after: number, limit: number, waitSeconds: number, token: string): Load {
  const controller = new AbortController();
  const outcome = fetchPage(client, { after, limit, waitSeconds, token, signal: controller.signal }).then(
    (page): Outcome => ({ page }),
    (error: unknown): Outcome => ({ error: wireError(error) }),
  );
  return { after, limit, token, controller, outcome };
}

/** Once `from` is checked, fetches the page after it, while fewer than FEED_READ_AHEAD wait. */
function readOn(from: Load, queue: Load[]): void {
  void from.outcome.then((outcome) => {
    // Only from the newest page of the current read-ahead, and only once (it may be asked twice).
    if (ahead !== queue || queue.at(-1) !== from || from.controller.signal.aborted) return;
    if (!('page' in outcome) || outcome.page.checkpoint.upToDate || queue.length >= FEED_READ_AHEAD) return;
    const next = load(Math.max(from.after, outcome.page.checkpoint.seq), from.limit, 0, from.token);
    queue.push(next);
    readOn(next, queue);
  });
}

function dropAhead(): void {
  for (const waiting of ahead) waiting.controller.abort();
  ahead = [];
}

async function answer(request: Fetch): Promise<void> {
  const first = ahead[0];
  const readAlready =
    first !== undefined &&
    request.waitSeconds === 0 &&
    first.after === request.after &&
    first.limit === request.limit &&
    first.token === request.token;
  let current: Load;
  if (readAlready) {
    current = ahead.shift()!;
  } else {
    dropAhead();
    current = load(request.after, request.limit, request.waitSeconds, request.token);
  }
  running.set(request.id, current.controller);
  const outcome = await current.outcome;
  running.delete(request.id);
  if (current.controller.signal.aborted) return; // nobody waits for it any more
  if ('error' in outcome) {
    dropAhead();
    port.postMessage({ type: 'failed', id: request.id, error: outcome.error } satisfies FromFeedWorker);
    return;
  }
  port.postMessage({ type: 'page', id: request.id, page: outcome.page } satisfies FromFeedWorker);
  if (!outcome.page.checkpoint.upToDate && ahead.length === 0) {
    const next = load(Math.max(request.after, outcome.page.checkpoint.seq), request.limit, 0, request.token);
    ahead = [next];
    readOn(next, ahead);
  } else if (ahead.length > 0) {
    // One was taken from the read-ahead: the newest may go on again.
    readOn(ahead.at(-1)!, ahead);
  }
}

port.on('message', (message: ToFeedWorker) => {
  if (message.type === 'fetch') void answer(message);
  else if (message.type === 'abort') running.get(message.id)?.abort();
  else {
    for (const controller of running.values()) controller.abort();
    dropAhead();
    client.close();
    port.close();
  }
});
port.postMessage({ type: 'ready' } satisfies FromFeedWorker);
