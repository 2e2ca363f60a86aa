// Inmate records: names, dates of birth and booking numbers, with the status, bed and
// restrictions the facility plan gave each one.
import { Restriction } from '../../src-shared/domain/records';
import type { Inmate } from '../../src-shared/domain/records';
import { DAY_MS, isoDate, utcTimestamp } from './calendar';
import type { FacilityPlan } from './facility-plan';
import { statusOf } from './facility-plan';
import { bedLabel } from './housing-units';
import { inmateId } from './ids';
import { firstName, lastName } from './names';
import { Rng, streams } from './prng';

const YEAR_MS = 365.25 * DAY_MS;

export interface InmateName {
  readonly first: string;
  readonly middle: string | null;
  readonly last: string;
}

/** The inmate's name on its own stream, so visitors can share a family name without the whole record. */
export function inmateName(plan: FacilityPlan, inmate: number): InmateName {
  const rng = Rng.for(plan.seed, streams.inmateName, inmate);
  const first = firstName(rng);
  const middle = rng.chance(0.6) ? firstName(rng) : null;
  return { first, middle, last: lastName(rng) };
}

export function inmateAt(plan: FacilityPlan, inmate: number): Inmate {
  const facts = plan.inmates;
  const name = inmateName(plan, inmate);
  const rng = Rng.for(plan.seed, streams.booking, inmate);
  const bookedAt = facts.bookedAt[inmate] ?? 0;
  // Ages at booking cluster in the twenties and thirties.
  const ageAtBooking = 18 + 52 * rng.next() ** 1.8;
  const unit = plan.units[facts.unit[inmate] ?? -1];
  const releasedAt = facts.releasedAt[inmate] ?? Number.NaN;
  const restrictions = Restriction.options.filter(
    (_, bit) => ((facts.restrictions[inmate] ?? 0) & (1 << bit)) !== 0,
  );
  return {
    id: inmateId(inmate),
    bookingNumber: `${new Date(bookedAt).getUTCFullYear()}-${String(facts.bookingSequence[inmate]).padStart(6, '0')}`,
    firstName: name.first,
    middleName: name.middle,
    lastName: name.last,
    dateOfBirth: isoDate(bookedAt - ageAtBooking * YEAR_MS),
    housingUnitId: unit?.record.id ?? null,
    cell: unit ? bedLabel(unit.kind, facts.bed[inmate] ?? 0) : null,
    status: statusOf(plan, inmate),
    restrictions,
    bookedAt: utcTimestamp(bookedAt),
    releasedAt: Number.isNaN(releasedAt) ? null : utcTimestamp(releasedAt),
  };
}

export function* inmates(plan: FacilityPlan): Generator<Inmate> {
  for (let inmate = 0; inmate < plan.inmates.count; inmate += 1) yield inmateAt(plan, inmate);
}
