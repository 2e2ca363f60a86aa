// Pulls the change feed from the cache's cursor to the head, a page at a time: each page is
// fetched and checked line by line (feed-page.ts, on the feed worker: feed-pages.ts), then
// written with its checkpoint in one transaction (feed-writer.ts). The next page is asked for as
// soon as one arrives, so the service prepares it and the worker checks it while this one is
// written.
import type { Cache } from '../store/open-cache';
import { withCache } from './cache-access';
import type { StagedPage } from './feed-page';
import type { PageSource } from './feed-pages';
import type { FeedWriter, PageResult } from './feed-writer';
import type { LocalRecords } from './local-records';
import type { Outbox } from './outbox';
import { readSyncState } from './sync-state';

export interface PullContext {
  readonly cache: Cache;
  readonly pages: PageSource;
  readonly token: string;
  readonly signal: AbortSignal;
  readonly writer: FeedWriter;
  readonly outbox: Outbox;
  readonly records: LocalRecords;
  /** Changes per page. */
  readonly pageLimit: number;
  /** Called after each page is committed. */
  readonly onPage?: (result: PageResult, page: StagedPage) => void;
  /** Work after each committed page, awaited before the next page is written. */
  readonly afterPage?: (page: StagedPage) => Promise<void>;
}

export interface PullResult {
  readonly pages: number;
  /** Rows inserted, updated or deleted. */
  readonly applied: number;
}

interface PageRequest {
  readonly after: number;
  readonly answer: Promise<StagedPage>;
  readonly abort: () => void;
}

/**
 * Pulls until the feed is up to date. With `waitSeconds` > 0 the first request long-polls: the
 * service answers as soon as something newer than the cursor exists, or after the wait.
 */
export async function pullToHead(context: PullContext, waitSeconds = 0): Promise<PullResult> {
  let cursor = await withCache(context.cache, () => readSyncState(context.cache.sqlite).cursor);
  let request = ask(context, cursor, waitSeconds);
  let pages = 0;
  let applied = 0;
  try {
    for (;;) {
      const page = await request.answer;
      const more = !page.checkpoint.upToDate;
      const nextAfter = Math.max(request.after, page.checkpoint.seq);
      const next = more ? ask(context, nextAfter, 0) : null;
      let result: PageResult;
      try {
        result = await withCache(context.cache, () =>
          context.writer.apply(page, () => context.outbox.reapplyPending(context.records)),
        );
        if (result.written) {
          context.onPage?.(result, page);
          await context.afterPage?.(page);
        }
      } catch (error) {
        next?.abort();
        throw error;
      }
      pages += 1;
      applied += result.applied;
      cursor = result.state.cursor;
      if (!more && result.written) return { pages, applied };
      if (next && next.after === cursor) {
        request = next;
      } else {
        // The cursor moved under us (another process, a reset): ask again from where it is.
        next?.abort();
        request = ask(context, cursor, 0);
      }
    }
  } catch (error) {
    request.abort();
    throw error;
  }
}

function ask(context: PullContext, after: number, waitSeconds: number): PageRequest {
  const own = new AbortController();
  const answer = context.pages.fetch({
    after,
    limit: context.pageLimit,
    waitSeconds,
    token: context.token,
    signal: AbortSignal.any([context.signal, own.signal]),
  });
  // A request asked for ahead may be dropped unread; its failure is then nobody's business.
  answer.catch(() => undefined);
  return { after, answer, abort: () => own.abort() };
}
