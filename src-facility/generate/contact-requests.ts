// Contact requests: people asking to join an inmate's contact list. The approved ones are the
// history of existing approved contacts; the others bring a new visitor each.
import type { ContactRequest, Decision, Relationship } from '../../src-shared/domain/records';
import { contactFacts } from './approved-contacts';
import { DAY_MS, utcTimestamp } from './calendar';
import type { FacilityPlan } from './facility-plan';
import { isHeld } from './facility-plan';
import { contactRequestId, inmateId, visitorId } from './ids';
import { Rng, streams, weightTable } from './prng';

const statusWeights = weightTable({ pending: 40, approved: 35, denied: 20, cancelled: 5 });
const relationshipWeights = weightTable({
  spouse: 8,
  partner: 10,
  parent: 16,
  child: 12,
  sibling: 14,
  grandparent: 5,
  relative: 12,
  friend: 23,
});
const denialReasons = [
  'Visitor has an active protective order naming the inmate.',
  'Visitor did not pass the background check.',
  'Visitor is a co-defendant in a pending case.',
  'Application incomplete: no identification document supplied.',
  'Visitor was released from this facility less than 90 days ago.',
] as const;
const cancelReasons = ['Withdrawn by the visitor.', 'Withdrawn at the inmate’s request.'] as const;

export interface ContactRequestFacts {
  readonly inmate: number;
  readonly visitor: number;
  readonly relationship: Relationship;
  readonly status: Decision;
  readonly requestedAt: number;
  readonly decidedAt: number | null;
  readonly decidedBy: string | null;
  readonly reason: string | null;
}

export function contactRequestFacts(plan: FacilityPlan, request: number): ContactRequestFacts {
  const rng = Rng.for(plan.seed, streams.contactRequest, request);
  const status = rng.weighted(statusWeights);
  const relationship = rng.weighted(relationshipWeights);
  if (status === 'approved') {
    // Spread over the contact list, so approved requests are the history of real contacts.
    const contact = Math.floor(
      ((request + 0.5) * plan.profile.approvedContacts) / plan.profile.contactRequests,
    );
    const facts = contactFacts(plan, contact);
    const bookedAt = plan.inmates.bookedAt[facts.inmate] ?? 0;
    return {
      inmate: facts.inmate,
      visitor: facts.visitor,
      relationship: facts.relationship,
      status,
      requestedAt: Math.max(bookedAt, facts.approvedAt - rng.int(1, 10) * DAY_MS - rng.int(0, 600) * 60_000),
      decidedAt: facts.approvedAt,
      decidedBy: facts.approvedBy,
      reason: null,
    };
  }

  const todayStart = plan.calendar.startOfToday();
  const historyStart = todayStart - plan.profile.historyDays * DAY_MS;
  let inmate = 0;
  let from = historyStart;
  let until = todayStart;
  for (let attempt = 0; attempt < 32; attempt += 1) {
    inmate = rng.int(0, plan.inmates.count - 1);
    const releasedAt = plan.inmates.releasedAt[inmate] ?? Number.NaN;
    from = Math.max(historyStart, plan.inmates.bookedAt[inmate] ?? 0);
    until = Number.isNaN(releasedAt) ? todayStart : releasedAt;
    if (status === 'pending' ? isHeld(plan, inmate) : until - from > DAY_MS) break;
  }
  if (status === 'pending') from = Math.max(from, todayStart - 14 * DAY_MS);
  const requestedAt = from + (until - from) * rng.next() * 0.9;
  const decided = status !== 'pending';
  return {
    inmate,
    visitor: plan.firstRequestVisitor + request,
    relationship,
    status,
    requestedAt,
    decidedAt: decided ? Math.min(until, requestedAt + rng.int(1, 7) * DAY_MS) : null,
    decidedBy: decided ? rng.pick(plan.contactDeciders) : null,
    reason:
      status === 'denied' ? rng.pick(denialReasons) : status === 'cancelled' ? rng.pick(cancelReasons) : null,
  };
}

export function* contactRequests(plan: FacilityPlan): Generator<ContactRequest> {
  for (let request = 0; request < plan.profile.contactRequests; request += 1) {
    const facts = contactRequestFacts(plan, request);
    yield {
      id: contactRequestId(request),
      inmateId: inmateId(facts.inmate),
      visitorId: visitorId(facts.visitor),
      relationship: facts.relationship,
      requestedAt: utcTimestamp(facts.requestedAt),
      status: facts.status,
      decidedBy: facts.decidedBy,
      decidedAt: facts.decidedAt === null ? null : utcTimestamp(facts.decidedAt),
      reason: facts.reason,
    };
  }
}
