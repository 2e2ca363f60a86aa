// Visit requests: mostly pending for the coming days (the officers' queue), plus the decided
// history. Each is between an inmate and one of their approved contacts, within the rules.
import type { Decision, Relationship, VisitKind, VisitRequest } from '../../src-shared/domain/records';
import { contactFacts } from './approved-contacts';
import type { ContactFacts } from './approved-contacts';
import { DAY_MS, utcTimestamp } from './calendar';
import type { FacilityPlan } from './facility-plan';
import { hasRestriction, isHeld } from './facility-plan';
import { inmateId, visitorId, visitRequestId } from './ids';
import { Rng, streams, weightTable } from './prng';
import { visitorTraits } from './visitors';
import { drawSlot } from './visiting-hours';
import type { Slot } from './visiting-hours';

const upcomingWeights = weightTable({ pending: 80, approved: 14, cancelled: 6 });
const pastWeights = weightTable({ approved: 72, denied: 16, cancelled: 12 });
const kindWeights = weightTable({ contact: 45, 'non-contact': 25, video: 30 });
const denialReasons = [
  'The slot is at capacity.',
  'Housing unit on lockdown that day.',
  'The inmate has a disciplinary hold on visits.',
  'The visitor already has a visit with this inmate that week.',
] as const;
const cancelReasons = [
  'Cancelled by the visitor.',
  'The inmate is at court that day.',
  'Visiting cancelled for a facility count.',
] as const;

export interface VisitRequestFacts {
  readonly inmate: number;
  readonly visitor: number;
  readonly kind: VisitKind;
  readonly date: string;
  readonly slot: Slot;
  readonly upcoming: boolean;
  readonly status: Decision;
  readonly requestedAt: number;
  readonly decidedAt: number | null;
  readonly decidedBy: string | null;
  readonly reason: string | null;
}

/** The facility's rules for who may visit whom: the generator never makes a request they forbid. */
function mayRequest(plan: FacilityPlan, contact: ContactFacts, slotAt: number, upcoming: boolean): boolean {
  if (contact.status !== 'approved') return false;
  const { inmate } = contact;
  const bookedAt = plan.inmates.bookedAt[inmate] ?? 0;
  const releasedAt = plan.inmates.releasedAt[inmate] ?? Number.NaN;
  if (upcoming ? !isHeld(plan, inmate) : slotAt < bookedAt || slotAt > releasedAt) return false;
  if (hasRestriction(plan, inmate, 'legal-visits-only') && contact.relationship !== 'attorney') return false;
  const traits = visitorTraits(plan, contact.visitor, contact);
  if (traits.banned) return false;
  return !(traits.ageYears < 18 && hasRestriction(plan, inmate, 'no-minor-visitors'));
}

function kindFor(plan: FacilityPlan, inmate: number, relationship: Relationship, rng: Rng): VisitKind {
  if (relationship === 'attorney') return 'legal';
  if (hasRestriction(plan, inmate, 'video-visits-only')) return 'video';
  const kind = rng.weighted(kindWeights);
  return kind === 'contact' && hasRestriction(plan, inmate, 'no-contact-visits') ? 'non-contact' : kind;
}

export function visitRequestFacts(plan: FacilityPlan, request: number): VisitRequestFacts {
  const rng = Rng.for(plan.seed, streams.visitRequest, request);
  const { calendar, profile } = plan;
  const upcoming = rng.chance(0.25);
  const date = calendar.day(upcoming ? rng.int(1, profile.futureDays) : -rng.int(1, profile.historyDays));
  const dayAt = calendar.instant(date, 12 * 60);
  let contact = contactFacts(plan, rng.int(0, profile.approvedContacts - 1));
  for (let attempt = 0; attempt < 24 && !mayRequest(plan, contact, dayAt, upcoming); attempt += 1) {
    contact = contactFacts(plan, rng.int(0, profile.approvedContacts - 1));
  }
  const kind = kindFor(plan, contact.inmate, contact.relationship, rng);
  const slot = drawSlot(rng, kind);
  const status = rng.weighted(upcoming ? upcomingWeights : pastWeights);

  const todayStart = calendar.startOfToday();
  const slotStart = calendar.instant(date, slot.startMinute);
  const bookedAt = plan.inmates.bookedAt[contact.inmate] ?? 0;
  // Requests come in one to fourteen days ahead, and never after today began.
  const earliest = Math.max(bookedAt, slotStart - 14 * DAY_MS);
  const latest = Math.min(todayStart, slotStart - DAY_MS);
  const requestedAt =
    latest > earliest ? earliest + (latest - earliest) * rng.next() : Math.min(earliest, latest);
  const decided = status !== 'pending';
  const decidedAt = decided
    ? requestedAt + (Math.min(todayStart, slotStart) - requestedAt) * rng.next()
    : null;
  return {
    inmate: contact.inmate,
    visitor: contact.visitor,
    kind,
    date,
    slot,
    upcoming,
    status,
    requestedAt,
    decidedAt,
    decidedBy: decided ? rng.pick(plan.visitDeciders) : null,
    reason:
      status === 'denied' ? rng.pick(denialReasons) : status === 'cancelled' ? rng.pick(cancelReasons) : null,
  };
}

export function visitRequestRecord(
  plan: FacilityPlan,
  request: number,
  facts: VisitRequestFacts,
): VisitRequest {
  return {
    id: visitRequestId(request),
    inmateId: inmateId(facts.inmate),
    visitorId: visitorId(facts.visitor),
    kind: facts.kind,
    slotStart: plan.calendar.localTime(facts.date, facts.slot.startMinute),
    slotEnd: plan.calendar.localTime(facts.date, facts.slot.endMinute),
    requestedAt: utcTimestamp(facts.requestedAt),
    status: facts.status,
    decidedBy: facts.decidedBy,
    decidedAt: facts.decidedAt === null ? null : utcTimestamp(facts.decidedAt),
    reason: facts.reason,
  };
}

export function* visitRequests(plan: FacilityPlan): Generator<VisitRequest> {
  for (let request = 0; request < plan.profile.visitRequests; request += 1) {
    yield visitRequestRecord(plan, request, visitRequestFacts(plan, request));
  }
}
