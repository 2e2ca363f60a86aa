// Reads one page of the change feed from the stream, line by line, and checks every line: the
// envelope against ChangeLine, the record against its entity's schema. What is staged is only
// what the cache will write (rows, tombstones, quarantined lines), and it is written only once
// the checkpoint has arrived: a page cut short, a line that is not JSON, or a missing checkpoint
// throws, and nothing of the page is kept.
import { entitySchemas } from '../../src-shared/domain/records';
import type { EntityName } from '../../src-shared/domain/records';
import { describeIssues } from '../../src-shared/policy/describe-issues';
import { ChangeLine, CheckpointLine } from '../../src-shared/protocol/changes';
import { entityColumns, recordToRow } from '../store/entity-rows';
import { LineSplitter } from './ndjson-lines';
import type { OpenAnswer } from './records-client';
import { SyncError } from './sync-error';

export interface StagedChange {
  readonly seq: number;
  readonly entity: EntityName;
  readonly op: 'upsert' | 'delete';
  readonly id: string;
  readonly version: number;
  /** The cache row for an upsert, its values in entityColumns order; null for a delete. */
  readonly row: unknown[] | null;
}

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
  readonly changes: StagedChange[];
  readonly quarantined: QuarantinedLine[];
  readonly checkpoint: CheckpointLine;
  /** Change lines received (applied, quarantined or skipped). */
  readonly lines: number;
  /** Lines at or below the cursor (a page served twice, a repeated line): already applied. */
  readonly skipped: number;
}

const columnsOf = Object.fromEntries(
  (Object.keys(entitySchemas) as EntityName[]).map((entity) => [entity, entityColumns(entity)]),
) as Record<EntityName, readonly string[]>;

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
  readonly #changes: StagedChange[] = [];
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
    const envelope = ChangeLine.safeParse(json);
    if (!envelope.success) {
      this.#quarantine(
        json,
        text,
        `not a valid change line: ${describeIssues(envelope.error, 3).join('; ')}`,
      );
      return;
    }
    const change = envelope.data;
    // The feed is strictly ordered by seq: anything at or below what this page already reached
    // (or the cursor it started from) was applied before. Skipping it keeps a replay harmless.
    if (change.seq <= this.#lastSeq) {
      this.#skipped += 1;
      return;
    }
    this.#lastSeq = change.seq;
    if (change.op === 'delete') {
      this.#changes.push(staged(change, null));
      return;
    }
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
      const row = recordToRow(change.entity, record.data, change.version);
      const columns = columnsOf[change.entity];
      const values = new Array<unknown>(columns.length);
      for (let at = 0; at < columns.length; at += 1) values[at] = row[columns[at]!];
      this.#changes.push(staged(change, values));
    }
  }

  finish(): StagedPage {
    if (!this.#checkpoint) throw badPage('it ended without its checkpoint');
    return {
      after: this.#after,
      changes: this.#changes,
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

function staged(change: ChangeLine, row: unknown[] | null): StagedChange {
  return {
    seq: change.seq,
    entity: change.entity,
    op: change.op,
    id: change.id,
    version: change.version,
    row,
  };
}

function badPage(why: string): SyncError {
  return new SyncError(
    'BAD_PAGE',
    `The records service sent a damaged page of changes (${why}); none of it was kept and Sallyport asks again.`,
  );
}
