// The feed worker: a thread of its own that fetches pages of the change feed and checks them
// (feed-page.ts: JSON, then every record against its schema), so the main thread only writes.
// While the main thread writes one page into the cache, this one fetches and checks the next:
// on an initial sync the two halves of the work run side by side. It holds no key and opens no
// file; it sees the device token only as each request's header.
// Started by feed-pages.ts; every message is one of the types there.
import { parentPort, workerData } from 'node:worker_threads';
import { readFeedPage } from './feed-page';
import type { FeedWorkerData, FromFeedWorker, ToFeedWorker } from './feed-pages';
import { feedPath, firstByteMs, wireError } from './feed-pages';
import { RecordsClient } from './records-client';

const port = parentPort!;
const data = workerData as FeedWorkerData;
const client = new RecordsClient({ ...data.client, clock: () => new Date() });
/** Requests being answered, by id: aborting one stops it. */
const running = new Map<number, AbortController>();

function send(message: FromFeedWorker): void {
  port.postMessage(message);
}

async function fetchPage(request: Extract<ToFeedWorker, { type: 'fetch' }>): Promise<void> {
  const controller = new AbortController();
  running.set(request.id, controller);
  try {
    const answer = await client.open('GET', feedPath(request.after, request.limit, request.waitSeconds), {
      token: request.token,
      signal: controller.signal,
      firstByteMs: firstByteMs(request.waitSeconds, client.stallMs),
    });
    const page = await readFeedPage(answer, request.after);
    send({ type: 'page', id: request.id, page });
  } catch (error) {
    send({ type: 'failed', id: request.id, error: wireError(error) });
  } finally {
    running.delete(request.id);
  }
}

port.on('message', (message: ToFeedWorker) => {
  if (message.type === 'fetch') void fetchPage(message);
  else if (message.type === 'abort') running.get(message.id)?.abort();
  else {
    for (const controller of running.values()) controller.abort();
    client.close();
    port.close();
  }
});
send({ type: 'ready' });
