// Pages for tests, built from changes written out one by one: the packing the feed worker does
// (feed-page.ts's SegmentPacker) applied to a plain list.
import type { EntityName } from '../../../src-shared/domain/records';
import { SegmentPacker } from '../feed-page';
import type { StagedSegment } from '../feed-page';

/** One change, unpacked. */
export interface StagedChange {
  readonly seq: number;
  readonly entity: EntityName;
  readonly op: 'upsert' | 'delete';
  readonly id: string;
  readonly version: number;
  /** The cache row for an upsert, its values in entityColumns order; null for a delete. */
  readonly row: unknown[] | null;
}

/** Segments from unpacked changes, in feed order. */
export function packChanges(changes: readonly StagedChange[]): StagedSegment[] {
  const packer = new SegmentPacker();
  for (const change of changes) {
    packer.add(
      change.entity,
      change.op,
      change.row === null ? [change.seq, change.id, change.version] : [change.seq, ...change.row],
    );
  }
  return packer.finish();
}
