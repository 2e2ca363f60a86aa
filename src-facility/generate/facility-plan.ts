// The facts every record generator shares, worked out once in compact typed arrays: who is in
// custody, since when, in which bed, and where each inmate's approved contacts start.
import { InmateStatus, Restriction } from '../../src-shared/domain/records';
import type { Facility, Staff } from '../../src-shared/domain/records';
import { DAY_MS, FacilityCalendar, todayIn } from './calendar';
import { planHousingUnits } from './housing-units';
import type { UnitPlan } from './housing-units';
import { placeName } from './names';
import { mixSeed, Rng, streams, weightTable } from './prng';
import { sizeProfiles } from './sizes';
import type { FacilitySize, SizeProfile } from './sizes';
import { planStaff } from './staff';

export const FACILITY_TIME_ZONE = 'America/Chicago';
const BOOKING_SPAN_DAYS = 3 * 365;

export interface GenerateOptions {
  readonly size: FacilitySize;
  readonly seed: number;
  /** The facility's today, 'YYYY-MM-DD'; defaults to the current date there. Same seed and day, same data. */
  readonly today?: string;
}

export interface FacilityPlan {
  readonly seed: number;
  readonly profile: SizeProfile;
  readonly calendar: FacilityCalendar;
  readonly facility: Facility;
  readonly units: readonly UnitPlan[];
  readonly staff: readonly Staff[];
  /** Usernames of the active staff who decide visit requests, and contact requests. */
  readonly visitDeciders: readonly string[];
  readonly contactDeciders: readonly string[];
  readonly inmates: InmateFacts;
  /** Inmate i's approved contacts are indices contactStart[i] up to contactStart[i + 1]. */
  readonly contactStart: Int32Array;
  /** Visitor indices: personal visitors of contacts, then contact-request visitors, then professionals. */
  readonly firstRequestVisitor: number;
  readonly firstProfessional: number;
  readonly visitorCount: number;
}

export interface InmateFacts {
  readonly count: number;
  /** Index into InmateStatus.options. */
  readonly status: Uint8Array;
  /** Bit r set: Restriction.options[r] applies. */
  readonly restrictions: Uint8Array;
  /** Index into units, or -1 when not housed (released, transferred). */
  readonly unit: Int16Array;
  /** Position of the bed within its unit. */
  readonly bed: Int32Array;
  readonly bookedAt: Float64Array;
  /** NaN while the inmate is still held. */
  readonly releasedAt: Float64Array;
  readonly bookingSequence: Int32Array;
}

const statusWeights = weightTable({ 'in-custody': 86, court: 3, hospital: 1, transferred: 2, released: 8 });
const restrictionWeights = weightTable({
  'no-contact-visits': 30,
  'video-visits-only': 15,
  'no-minor-visitors': 20,
  'legal-visits-only': 5,
  'keep-separate': 20,
  'suicide-watch': 10,
});

export function statusOf(plan: FacilityPlan, inmate: number): InmateStatus {
  return InmateStatus.options[plan.inmates.status[inmate] ?? 0] ?? 'in-custody';
}

export function hasRestriction(plan: FacilityPlan, inmate: number, restriction: Restriction): boolean {
  return ((plan.inmates.restrictions[inmate] ?? 0) & (1 << Restriction.options.indexOf(restriction))) !== 0;
}

/** Held by the facility today, even if out at court or in hospital for the day. */
export function isHeld(plan: FacilityPlan, inmate: number): boolean {
  const status = statusOf(plan, inmate);
  return status === 'in-custody' || status === 'court' || status === 'hospital';
}

/** The inmate whose contact list holds contact `contact` (binary search over contactStart). */
export function inmateOfContact(plan: FacilityPlan, contact: number): number {
  let low = 0;
  let high = plan.inmates.count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((plan.contactStart[middle] ?? 0) <= contact) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function planFacility(options: GenerateOptions): FacilityPlan {
  const seed = options.seed >>> 0;
  const profile = sizeProfiles[options.size];
  const calendar = new FacilityCalendar(FACILITY_TIME_ZONE, options.today ?? todayIn(FACILITY_TIME_ZONE));
  const inmates = planInmates(seed, profile.inmates, calendar);
  const held = countHeld(inmates);
  const units = planHousingUnits(Math.ceil(held * 1.12), profile.podBeds);
  assignBeds(seed, inmates, units, calendar);
  const staff = planStaff(seed, profile.staff);
  const active = staff.filter((member) => member.active);
  const place = placeName(Rng.for(seed, streams.facility, 0));
  return {
    seed,
    profile,
    calendar,
    facility: { id: 'fac-1', name: `${place} County Detention Center`, timeZone: FACILITY_TIME_ZONE },
    units,
    staff,
    visitDeciders: active
      .filter((member) => member.role !== 'administrator')
      .map((member) => member.username),
    contactDeciders: active.filter((member) => member.role !== 'officer').map((member) => member.username),
    inmates,
    contactStart: planContactCounts(seed, profile.inmates, profile.approvedContacts),
    firstRequestVisitor: profile.approvedContacts,
    firstProfessional: profile.approvedContacts + profile.contactRequests,
    visitorCount: profile.approvedContacts + profile.contactRequests + profile.professionals,
  };
}

function planInmates(seed: number, count: number, calendar: FacilityCalendar): InmateFacts {
  const facts: InmateFacts = {
    count,
    status: new Uint8Array(count),
    restrictions: new Uint8Array(count),
    unit: new Int16Array(count).fill(-1),
    bed: new Int32Array(count).fill(-1),
    bookedAt: new Float64Array(count),
    releasedAt: new Float64Array(count).fill(Number.NaN),
    bookingSequence: new Int32Array(count),
  };
  const todayStart = calendar.startOfToday();
  const spanStart = todayStart - BOOKING_SPAN_DAYS * DAY_MS;
  const nextSequence = new Map<number, number>();
  for (let inmate = 0; inmate < count; inmate += 1) {
    const rng = Rng.for(seed, streams.inmate, inmate);
    const status = rng.weighted(statusWeights);
    facts.status[inmate] = InmateStatus.options.indexOf(status);
    facts.restrictions[inmate] = drawRestrictions(rng);

    // Booking times rise with the index, denser towards today (most stays are recent), so booking
    // numbers can be handed out in order, year by year, with gaps for people booked and long gone.
    const position = (inmate + rng.next()) / count;
    const bookedAt = spanStart + (1 - (1 - position) ** 2) * (todayStart - spanStart - DAY_MS / 24);
    facts.bookedAt[inmate] = bookedAt;
    const year = new Date(bookedAt).getUTCFullYear();
    const sequence = (nextSequence.get(year) ?? rng.int(1, 40)) + rng.int(0, 6);
    nextSequence.set(year, sequence + 1);
    facts.bookingSequence[inmate] = sequence;
    if (status === 'released' || status === 'transferred') {
      facts.releasedAt[inmate] = bookedAt + (todayStart - bookedAt) * (0.05 + 0.9 * rng.next());
    }
  }
  return facts;
}

function drawRestrictions(rng: Rng): number {
  if (!rng.chance(0.12)) return 0;
  let mask = 1 << Restriction.options.indexOf(rng.weighted(restrictionWeights));
  if (rng.chance(0.2)) mask |= 1 << Restriction.options.indexOf(rng.weighted(restrictionWeights));
  return mask;
}

function countHeld(facts: InmateFacts): number {
  let held = 0;
  for (const status of facts.status) {
    const name = InmateStatus.options[status];
    if (name === 'in-custody' || name === 'court' || name === 'hospital') held += 1;
  }
  return held;
}

function assignBeds(
  seed: number,
  facts: InmateFacts,
  units: readonly UnitPlan[],
  calendar: FacilityCalendar,
): void {
  const occupied = new Int32Array(units.length);
  const byKind = (kind: UnitPlan['kind']) => units.findIndex((unit) => unit.kind === kind);
  const intake = byKind('intake');
  const medical = byKind('medical');
  const segregation = byKind('segregation');
  const general = units.flatMap((unit, index) =>
    unit.kind === 'general' || unit.kind === 'dorm' ? [index] : [],
  );
  const recent = calendar.startOfToday() - 2 * DAY_MS;
  const hasRoom = (index: number) =>
    index >= 0 && (occupied[index] ?? 0) < (units[index]?.record.capacity ?? 0);
  const restrictionBit = (name: Restriction) => 1 << Restriction.options.indexOf(name);

  for (let inmate = 0; inmate < facts.count; inmate += 1) {
    const status = InmateStatus.options[facts.status[inmate] ?? 0];
    if (status !== 'in-custody' && status !== 'court' && status !== 'hospital') continue;
    const rng = Rng.for(seed, streams.housing, inmate);
    const restrictions = facts.restrictions[inmate] ?? 0;
    let chosen = -1;
    if ((restrictions & restrictionBit('suicide-watch')) !== 0 && hasRoom(medical)) chosen = medical;
    else if (
      (restrictions & restrictionBit('keep-separate')) !== 0 &&
      rng.chance(0.6) &&
      hasRoom(segregation)
    )
      chosen = segregation;
    else if ((facts.bookedAt[inmate] ?? 0) > recent && hasRoom(intake)) chosen = intake;
    for (let attempt = 0; chosen < 0 && attempt < 8; attempt += 1) {
      const candidate = rng.pick(general);
      if (hasRoom(candidate)) chosen = candidate;
    }
    if (chosen < 0) chosen = units.findIndex((_, index) => hasRoom(index));
    if (chosen < 0) continue;
    facts.unit[inmate] = chosen;
    facts.bed[inmate] = occupied[chosen] ?? 0;
    occupied[chosen] = (occupied[chosen] ?? 0) + 1;
  }
}

/** Between 1 and 14 contacts each, then nudged until the total is exactly the profile's. */
function planContactCounts(seed: number, inmates: number, total: number): Int32Array {
  const counts = new Int32Array(inmates);
  let sum = 0;
  for (let inmate = 0; inmate < inmates; inmate += 1) {
    counts[inmate] = Rng.for(seed, streams.contactCounts, inmate).int(1, 14);
    sum += counts[inmate] ?? 0;
  }
  const rng = new Rng(mixSeed(seed, streams.contactCounts, inmates));
  while (sum !== total) {
    const inmate = rng.int(0, inmates - 1);
    const count = counts[inmate] ?? 0;
    if (sum < total && count < 18) {
      counts[inmate] = count + 1;
      sum += 1;
    } else if (sum > total && count > 0) {
      counts[inmate] = count - 1;
      sum -= 1;
    }
  }
  const start = new Int32Array(inmates + 1);
  for (let inmate = 0; inmate < inmates; inmate += 1)
    start[inmate + 1] = (start[inmate] ?? 0) + (counts[inmate] ?? 0);
  return start;
}
