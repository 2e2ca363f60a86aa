// The records service's change feed: `GET /v1/changes?after=SEQ&limit=N[&wait=SECONDS]` answers
// NDJSON, one ChangeLine per line in ascending `seq`, then exactly one CheckpointLine.
// A client applies the changes of a page and its checkpoint in one transaction.
import { z } from 'zod';
import { EntityName } from '../domain/records';

export const Seq = z.int().nonnegative();

/** One change. `data` is validated against the entity's schema by the receiver, record by record. */
export const ChangeLine = z.object({
  type: z.literal('change'),
  seq: Seq,
  entity: EntityName,
  op: z.enum(['upsert', 'delete']),
  id: z.string().min(1).max(64),
  version: z.int().positive(),
  data: z.unknown().nullable(),
});
export type ChangeLine = z.infer<typeof ChangeLine>;

export const CheckpointLine = z.object({
  type: z.literal('checkpoint'),
  /** The highest seq this page covered; the next request asks for `after=seq`. */
  seq: Seq,
  /** True when the page ended because the feed has nothing newer. */
  upToDate: z.boolean(),
  /** The feed's newest seq when the page was made: lets a client show progress. */
  headSeq: Seq,
  /** Records the client will receive in all, when known (initial sync). */
  expectedTotal: z.int().nonnegative().nullable(),
});
export type CheckpointLine = z.infer<typeof CheckpointLine>;

export const FeedLine = z.discriminatedUnion('type', [ChangeLine, CheckpointLine]);
export type FeedLine = z.infer<typeof FeedLine>;

export const ChangesQuery = z.object({
  after: z.coerce.number().pipe(Seq),
  limit: z.coerce.number().pipe(z.int().min(1).max(10_000)).default(1000),
  wait: z.coerce.number().pipe(z.int().min(0).max(60)).default(0),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

/** The answer when `after` is older than the compaction horizon or newer than the feed. */
export const CursorError = z.object({
  error: z.object({
    code: z.literal('CURSOR_UNKNOWN'),
    message: z.string(),
  }),
});
