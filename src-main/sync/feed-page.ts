// Reads one page of the change feed from the stream, line by line, and checks every line: the
// envelope against ChangeLine, the record against its entity's schema. What is staged is only
// what the cache will write (rows, tombstones, quarantined lines), and it is written only once
// the checkpoint has arrived: a page cut short, a line that is not JSON, or a missing checkpoint
// throws, and nothing of the page is kept.
// The changes are staged as segments (runs of one kind of record and one operation, in feed
// order) whose rows are JSON text: the page crosses from the feed worker (feed-worker.ts) to the
// writer as a few strings, and SQLite reads the rows from them (feed-writer.ts) without a
// JavaScript object per value on the thread that writes.
import { entitySchemas } from '../../src-shared/domain/records';
import type { EntityName } from '../../src-shared/domain/records';
import { describeIssues } from '../../src-shared/policy/describe-issues';
import { ChangeLine, CheckpointLine } from '../../src-shared/protocol/changes';
import { compileObjectTest } from '../../src-shared/schema/compiled-check';
import type { z } from 'zod';
import { checkedRows, entityColumns, recordValues } from '../store/entity-rows';
import { LineSplitter } from './ndjson-lines';
import type { OpenAnswer } from './records-client';
import { SyncError } from './sync-error';

/** A tombstone: the record's id and the version that deleted it, at its place in the feed. */
export type Tombstone = readonly [seq: number, id: string, version: number];

/** Consecutive changes of one kind of record and one operation, in feed order. */
export type StagedSegment =
  | {
      readonly op: 'upsert';
      readonly entity: EntityName;
      readonly count: number;
      readonly firstSeq: number;
      readonly lastSeq: number;
      /** A JSON array of rows, each `[seq, ...values in entityColumns order]`. */
      readonly rows: string;
    }
  | { readonly op: 'delete'; readonly entity: EntityName; readonly tombstones: readonly Tombstone[] };

/** A change that failed its schema: kept for an administrator, never applied, never dropped. */
export interface QuarantinedLine {
  readonly feedSeq: number | null;
  readonly entity: string | null;
  readonly recordId: string | null;
  readonly version: number | null;
  readonly line: string;
  readonly reason: string;
}

export interface StagedPage {
  /** The cursor the page was asked for with. */
  readonly after: number;
  readonly segments: readonly StagedSegment[];
  readonly quarantined: QuarantinedLine[];
  readonly checkpoint: CheckpointLine;
  /** Change lines received (applied, quarantined or skipped). */
  readonly lines: number;
  /** Lines at or below the cursor (a page served twice, a repeated line): already applied. */
  readonly skipped: number;
}

/** Rows made into JSON text together: one JSON.stringify call for many rows costs far less. */
const ROWS_PER_TEXT = 256;

/**
 * Packs changes, in feed order, into segments. Rows become JSON text a few hundred at a time, so
 * the values die young (a page of rows held as arrays until the page ends costs more in garbage
 * collection than the text does to join).
 */
export class SegmentPacker {
  readonly #segments: StagedSegment[] = [];
  #entity: EntityName | null = null;
  #op: 'upsert' | 'delete' | null = null;
  /** The segment's rows so far as JSON text, each part several rows without the brackets. */
  #texts: string[] = [];
  /** Rows not yet in #texts. */
  #rows: unknown[][] = [];
  #count = 0;
  #firstSeq = 0;
  #lastSeq = 0;
  #tombstones: Tombstone[] = [];

  /** An upsert's row as `[seq, ...values]`, or a delete. */
  add(entity: EntityName, op: 'upsert' | 'delete', item: unknown[] | Tombstone): void {
    if (entity !== this.#entity || op !== this.#op) {
      this.#close();
      this.#entity = entity;
      this.#op = op;
    }
    if (op === 'delete') {
      this.#tombstones.push(item as Tombstone);
      return;
    }
    const seq = item[0] as number;
    if (this.#count === 0) this.#firstSeq = seq;
    this.#lastSeq = seq;
    this.#count += 1;
    this.#rows.push(item as unknown[]);
    if (this.#rows.length === ROWS_PER_TEXT) this.#toText();
  }

  finish(): StagedSegment[] {
    this.#close();
    return this.#segments;
  }

  #toText(): void {
    // `[[…],[…]]` without its outer brackets: the rows, comma-separated.
    this.#texts.push(JSON.stringify(this.#rows).slice(1, -1));
    this.#rows = [];
  }

  #close(): void {
    const entity = this.#entity;
    if (entity === null) return;
    if (this.#op === 'upsert' && this.#count > 0) {
      if (this.#rows.length > 0) this.#toText();
      this.#segments.push({
        op: 'upsert',
        entity,
        count: this.#count,
        firstSeq: this.#firstSeq,
        lastSeq: this.#lastSeq,
        rows: `[${this.#texts.join(',')}]`,
      });
    } else if (this.#op === 'delete' && this.#tombstones.length > 0) {
      this.#segments.push({ op: 'delete', entity, tombstones: this.#tombstones });
    }
    this.#texts = [];
    this.#rows = [];
    this.#count = 0;
    this.#tombstones = [];
    this.#entity = null;
    this.#op = null;
  }
}

/** The rows of an upsert segment, unpacked: `[seq, ...values]` each. */
export function segmentRows(segment: Extract<StagedSegment, { op: 'upsert' }>): unknown[][] {
  return JSON.parse(segment.rows) as unknown[][];
}

/**
 * The envelope's check, compiled from ChangeLine (src-shared/schema/compiled-check.ts); zod's own
 * where it cannot be, and zod decides whatever the compiled check refuses.
 */
const changeLineTest = compileObjectTest(ChangeLine);

/** Where a staged row (`[seq, ...values]`) holds the record's id. */
const rowIdAt = Object.fromEntries(
  (Object.keys(entitySchemas) as EntityName[]).map((entity) => [
    entity,
    1 + entityColumns(entity).indexOf('id'),
  ]),
) as Record<EntityName, number>;

/** The line as a change: its own fields once the compiled test accepts it (only those are read). */
function checkChangeLine(json: unknown): z.ZodSafeParseResult<ChangeLine> {
  return changeLineTest?.(json) ? { success: true, data: json as ChangeLine } : ChangeLine.safeParse(json);
}

/** Longest line accepted: a record is a few hundred bytes; anything near this is not a record. */
const MAX_LINE_CHARS = 1024 * 1024;
/** How much of a quarantined line is kept. */
const QUARANTINE_LINE_CHARS = 4000;

export async function readFeedPage(answer: OpenAnswer, after: number): Promise<StagedPage> {
  const page = new PageStager(after);
  const splitter = new LineSplitter(MAX_LINE_CHARS);
  const onLine = (line: string) => page.line(line);
  for await (const chunk of answer.chunks()) {
    if (!splitter.push(chunk, onLine)) {
      answer.discard();
      throw badPage(`line ${page.lineNumber + 1} is longer than ${MAX_LINE_CHARS} characters`);
    }
  }
  const rest = splitter.end();
  if (rest.trim() !== '') throw badPage('its last line was cut short');
  return page.finish();
}

class PageStager {
  readonly #after: number;
  readonly #packer = new SegmentPacker();
  readonly #quarantined: QuarantinedLine[] = [];
  #checkpoint: CheckpointLine | null = null;
  #lastSeq: number;
  #lines = 0;
  #skipped = 0;
  lineNumber = 0;

  constructor(after: number) {
    this.#after = after;
    this.#lastSeq = after;
  }

  line(text: string): void {
    this.lineNumber += 1;
    if (this.#checkpoint) throw badPage(`line ${this.lineNumber} follows the checkpoint`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badPage(`line ${this.lineNumber} is not valid JSON`);
    }
    if ((json as { type?: unknown } | null)?.type === 'checkpoint') {
      const checkpoint = CheckpointLine.safeParse(json);
      if (!checkpoint.success)
        throw badPage(`its checkpoint is not valid (${describeIssues(checkpoint.error, 2).join('; ')})`);
      this.#checkpoint = checkpoint.data;
      return;
    }
    this.#lines += 1;
    const envelope = checkChangeLine(json);
    if (!envelope.success) {
      this.#quarantine(
        json,
        text,
        `not a valid change line: ${describeIssues(envelope.error, 3).join('; ')}`,
      );
      return;
    }
    const change = envelope.data;
    // The feed is strictly ordered by seq. A line at or below the cursor the page started from
    // was applied before (a page served again), and the line just before, sent again, is a
    // repeat: skipping those keeps a replay harmless. Any other step back is out of order, and
    // skipping it could lose a change the cache never had, so the page is refused instead.
    if (change.seq <= this.#lastSeq) {
      if (change.seq > this.#after && change.seq !== this.#lastSeq) {
        throw badPage(`line ${this.lineNumber} goes back to seq ${change.seq} after seq ${this.#lastSeq}`);
      }
      this.#skipped += 1;
      return;
    }
    this.#lastSeq = change.seq;
    if (change.op === 'delete') {
      this.#packer.add(change.entity, 'delete', [change.seq, change.id, change.version]);
      return;
    }
    const row = checkedRows[change.entity](change.data, change.version, change.seq);
    if (row !== null && row[rowIdAt[change.entity]] === change.id) {
      this.#packer.add(change.entity, 'upsert', row);
      return;
    }
    // The compiled check refused it, or its id differs: the schema itself decides and says why.
    const record = entitySchemas[change.entity].safeParse(change.data);
    if (!record.success) {
      this.#quarantine(
        json,
        text,
        `the ${change.entity} record fails its schema: ${describeIssues(record.error, 3).join('; ')}`,
      );
    } else if (record.data.id !== change.id) {
      this.#quarantine(
        json,
        text,
        `the record's id ${JSON.stringify(record.data.id)} is not the change's id`,
      );
    } else {
      this.#packer.add(
        change.entity,
        'upsert',
        recordValues(change.entity, record.data, change.version, change.seq),
      );
    }
  }

  finish(): StagedPage {
    if (!this.#checkpoint) throw badPage('it ended without its checkpoint');
    return {
      after: this.#after,
      segments: this.#packer.finish(),
      quarantined: this.#quarantined,
      checkpoint: this.#checkpoint,
      lines: this.#lines,
      skipped: this.#skipped,
    };
  }

  #quarantine(json: unknown, text: string, reason: string): void {
    const line = (json ?? {}) as Record<string, unknown>;
    this.#quarantined.push({
      feedSeq: Number.isSafeInteger(line.seq) ? (line.seq as number) : null,
      entity: typeof line.entity === 'string' ? line.entity.slice(0, 64) : null,
      recordId: typeof line.id === 'string' ? line.id.slice(0, 64) : null,
      version: Number.isSafeInteger(line.version) ? (line.version as number) : null,
      line: text.slice(0, QUARANTINE_LINE_CHARS),
      reason: reason.slice(0, 1000),
    });
  }
}

function badPage(why: string): SyncError {
  return new SyncError(
    'BAD_PAGE',
    `The records service sent a damaged page of changes (${why}); none of it was kept and Sallyport asks again.`,
  );
}
