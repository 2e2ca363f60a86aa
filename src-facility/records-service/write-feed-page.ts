// Streams one page of the change feed as NDJSON: change lines in seq order, then the checkpoint.
// Rows are read in short synchronous runs, so no query stays open while the client is slow.
import type { ServerResponse } from 'node:http';
import type { CheckpointLine } from '../../src-shared/protocol/changes';
import type { FeedShaper } from './faults';
import { commonHeaders } from './http-replies';
import type { RecordStore } from './record-store';

// Each run reads and writes this many rows before yielding to the event loop: small enough that
// a page of 10,000 never sits in memory, large enough that a write is not a system call per row.
const ROWS_PER_RUN = 500;

export interface FeedPageQuery {
  readonly after: number;
  readonly limit: number;
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
 * cursor moves from one to the other without missing or repeating a change. A `shaper` (tests
 * only, see faults.ts) may change the lines or stop the response early.
 */
export async function writeFeedPage(
  store: RecordStore,
  response: ServerResponse,
  query: FeedPageQuery,
  shaper?: FeedShaper,
): Promise<void> {
  const compacted = query.after === 0;
  const expectedTotal = compacted ? store.recordCount() : null;
  response.writeHead(200, { ...commonHeaders, 'content-type': 'application/x-ndjson; charset=utf-8' });

  let cursor = query.after;
  let served = 0;
  let exhausted = false;
  while (served < query.limit && !exhausted) {
    const wanted = Math.min(ROWS_PER_RUN, query.limit - served);
    const { text, count, lastSeq } = store.pageText(cursor, wanted, compacted);
    cursor = lastSeq;
    served += count;
    exhausted = count < wanted;
    const shaped: ShapedRun = shaper ? shapeLines(shaper, splitLines(text), 'change') : { text };
    if (shaped.text.length > 0 && !response.write(shaped.text)) await drained(response);
    if (response.destroyed) return;
    if (shaped.stop) return stopEarly(response, shaped.stop);
  }

  const checkpoint: CheckpointLine = {
    type: 'checkpoint',
    seq: cursor,
    upToDate: !store.hasChangesAfter(cursor),
    headSeq: store.headSeq(),
    expectedTotal,
  };
  const last = `${JSON.stringify(checkpoint)}\n`;
  const shaped = shaper ? shapeLines(shaper, [last], 'checkpoint') : { text: last };
  if (shaped.stop && shaped.stop !== 'end') {
    if (shaped.text !== '') response.write(shaped.text);
    return stopEarly(response, shaped.stop);
  }
  response.end(shaped.text);
}

/** A run of lines as it goes out, and whether the response stops after it (a fault, tests only). */
interface ShapedRun {
  readonly text: string | Buffer;
  readonly stop?: 'cut' | 'stall' | 'end';
}

/** The lines of a run, each with its newline (for a shaper, which works line by line). */
function splitLines(text: Buffer): string[] {
  return text
    .toString('utf8')
    .split(/(?<=\n)/)
    .filter((line) => line !== '');
}

function shapeLines(
  shaper: FeedShaper,
  lines: readonly string[],
  kind: 'change' | 'checkpoint',
): { text: string; stop?: 'cut' | 'stall' | 'end' } {
  let text = '';
  for (const line of lines) {
    const shaped = shaper.line(line, kind);
    text += shaped.text;
    if (shaped.stop) return { text, stop: shaped.stop };
  }
  return { text };
}

function stopEarly(response: ServerResponse, stop: 'cut' | 'stall' | 'end'): void {
  if (stop === 'end') response.end();
  // What was written reaches the client first (end flushes), then the connection drops mid-response.
  else if (stop === 'cut') response.socket?.end();
  // 'stall': the response stays open, sending nothing, until the client or the service closes it.
}
