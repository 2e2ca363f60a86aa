// The generator's entry point: a seeded synthetic facility whose records are made as they are
// read, one kind at a time, so even the 'large' set never sits in memory as a whole.
import type { EntityName, EntityRecord, Facility, Staff } from '../../src-shared/domain/records';
import { approvedContacts } from './approved-contacts';
import { contactRequests } from './contact-requests';
import { planFacility } from './facility-plan';
import type { FacilityPlan, GenerateOptions } from './facility-plan';
import { inmates } from './inmates';
import type { FacilitySize } from './sizes';
import { visitRequests } from './visit-requests';
import { visitors } from './visitors';
import { visits } from './visits';

export type { GenerateOptions } from './facility-plan';

export type GeneratedRecord = {
  [E in EntityName]: { readonly entity: E; readonly record: EntityRecord<E> };
}[EntityName];

/** Parents before the records that point at them: the order a loader inserts them in. */
export const entityOrder = [
  'facility',
  'housingUnit',
  'staff',
  'inmate',
  'visitor',
  'approvedContact',
  'contactRequest',
  'visitRequest',
  'visit',
] as const satisfies readonly EntityName[];

const producers: { readonly [E in EntityName]: (plan: FacilityPlan) => Iterable<EntityRecord<E>> } = {
  facility: (plan) => [plan.facility],
  housingUnit: (plan) => plan.units.map((unit) => unit.record),
  staff: (plan) => plan.staff,
  // Enrolments are made by officers at a workstation, never generated.
  staffEnrolment: () => [],
  inmate: inmates,
  visitor: visitors,
  approvedContact: approvedContacts,
  contactRequest: contactRequests,
  visitRequest: visitRequests,
  visit: visits,
};

export interface FacilityDataset {
  readonly size: FacilitySize;
  readonly seed: number;
  /** The facility's today the data was made around, 'YYYY-MM-DD'. */
  readonly today: string;
  readonly facility: Facility;
  readonly staff: readonly Staff[];
  /** The records of one kind, made afresh on every iteration. */
  records<E extends EntityName>(entity: E): Iterable<EntityRecord<E>>;
  /** Every record in entityOrder. */
  all(): Iterable<GeneratedRecord>;
}

export function generateFacility(options: GenerateOptions): FacilityDataset {
  const plan = planFacility(options);
  const records = <E extends EntityName>(entity: E): Iterable<EntityRecord<E>> => producers[entity](plan);
  return {
    size: options.size,
    seed: plan.seed,
    today: plan.calendar.today,
    facility: plan.facility,
    staff: plan.staff,
    records,
    *all() {
      for (const entity of entityOrder) {
        for (const record of records(entity)) yield { entity, record } as GeneratedRecord;
      }
    },
  };
}
