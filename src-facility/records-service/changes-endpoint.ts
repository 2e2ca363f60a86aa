// `GET /v1/changes?after=SEQ&limit=N[&wait=SECONDS]`: one page of the change feed. With `wait`
// and nothing newer than `after`, the request parks until a change lands or the wait runs out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeIssues } from '../../src-shared/policy/describe-issues';
import { ChangesQuery } from '../../src-shared/protocol/changes';
import { feedShaper } from './faults';
import type { Fault } from './faults';
import { replyError } from './http-replies';
import type { ServiceContext } from './service-context';
import { writeFeedPage } from './write-feed-page';

export async function serveChanges(
  context: ServiceContext,
  _request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  fault: Fault | null = null,
): Promise<void> {
  if (!url.searchParams.has('after')) {
    replyError(
      response,
      400,
      'INVALID_QUERY',
      'after is required: ask for after=0 on a first sync, then the seq of the last checkpoint.',
    );
    return;
  }
  const query = ChangesQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    replyError(
      response,
      400,
      'INVALID_QUERY',
      `The change feed query is not valid: ${describeIssues(query.error, 3).join('; ')}.`,
    );
    return;
  }
  const { wait } = query.data;
  const replay = fault?.kind === 'replay-previous-page' ? context.previousFeedQuery : null;
  const { after, limit } = replay ?? query.data;
  const { store } = context;
  const head = store.headSeq();
  if (after > head) {
    replyError(
      response,
      410,
      'CURSOR_UNKNOWN',
      `The sync position ${after} is newer than this records service's feed (${head}): its data was replaced. Sync again from after=0.`,
    );
    return;
  }
  if (wait > 0 && after === head) {
    const clientGone = new AbortController();
    const onClose = () => clientGone.abort();
    response.once('close', onClose);
    await store.waitForAppend(wait * 1000, AbortSignal.any([clientGone.signal, context.closing]));
    response.off('close', onClose);
    if (response.destroyed || context.closing.aborted) return;
  }
  context.previousFeedQuery = { after, limit };
  const shaper =
    fault && fault.kind !== 'status' && fault.kind !== 'drop-reply' ? feedShaper(fault) : undefined;
  await writeFeedPage(store, response, { after, limit }, shaper);
}
