// Realistic visit rows for the insert benchmarks: visits as the generator makes them, from as many
// seeded 'large' facilities as it takes, as column values in the cache's column order.
import type { Visit } from '../src-shared/domain/records';
import { generateFacility } from '../src-facility/generate/generate-facility';
import { recordValues } from '../src-main/store/entity-rows';

export const VISIT_SEED = 20_260_301;
export const VISIT_TODAY = '2026-03-01';

export function realisticVisitRows(count: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let copy = 0; rows.length < count; copy += 1) {
    const facility = generateFacility({ size: 'large', seed: VISIT_SEED + copy, today: VISIT_TODAY });
    for (const visit of facility.records('visit') as Iterable<Visit>) {
      const suffix = copy === 0 ? '' : `-${copy}`;
      rows.push(
        recordValues(
          'visit',
          { ...visit, id: visit.id + suffix, requestId: visit.requestId && visit.requestId + suffix },
          1,
        ),
      );
      if (rows.length === count) break;
    }
  }
  return rows;
}
