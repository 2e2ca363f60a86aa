// Streams one page of the change feed as NDJSON: change lines in seq order, then the checkpoint.
// Rows are read in short synchronous runs, so no query stays open while the client is slow.
import type { ServerResponse } from 'node:http';
import type { CheckpointLine } from '../../src-shared/protocol/changes';
import { commonHeaders } from './http-replies';
import type { ChangeRow, RecordStore } from './record-store';

// Each run reads and writes this many rows before yielding to the event loop: small enough that
// a page of 10,000 never sits in memory, large enough that a write is not a system call per row.
const ROWS_PER_RUN = 500;

export interface FeedPageQuery {
  readonly after: number;
  readonly limit: number;
}

/** The change line as text: `data` is already JSON in the store, so it is spliced in unparsed. */
function changeLine(row: ChangeRow): string {
  return (
    `{"type":"change","seq":${row.seq},"entity":${JSON.stringify(row.entity)},"op":${JSON.stringify(row.op)},` +
    `"id":${JSON.stringify(row.recordId)},"version":${row.version},"data":${row.data ?? 'null'}}\n`
  );
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/**
 * After 0 (a first sync) the page is the compacted view: each record's newest version once,
 * deletions as tombstones. After that, the log itself. Both are ordered by seq, so a client's
 * cursor moves from one to the other without missing or repeating a change.
 */
export async function writeFeedPage(
  store: RecordStore,
  response: ServerResponse,
  query: FeedPageQuery,
): Promise<void> {
  const compacted = query.after === 0;
  const expectedTotal = compacted ? store.recordCount() : null;
  response.writeHead(200, { ...commonHeaders, 'content-type': 'application/x-ndjson; charset=utf-8' });

  let cursor = query.after;
  let served = 0;
  let exhausted = false;
  while (served < query.limit && !exhausted) {
    const wanted = Math.min(ROWS_PER_RUN, query.limit - served);
    let text = '';
    let read = 0;
    for (const row of store.page(cursor, wanted, compacted)) {
      text += changeLine(row);
      cursor = row.seq;
      read += 1;
    }
    served += read;
    exhausted = read < wanted;
    if (text !== '' && !response.write(text)) await drained(response);
    if (response.destroyed) return;
  }

  const checkpoint: CheckpointLine = {
    type: 'checkpoint',
    seq: cursor,
    upToDate: !store.hasChangesAfter(cursor),
    headSeq: store.headSeq(),
    expectedTotal,
  };
  response.end(`${JSON.stringify(checkpoint)}\n`);
}
