// Approved contacts: the people each inmate may see. Family and friends are visitors of their
// own; attorneys and clergy come from a shared pool and appear on many inmates' lists.
import type { ApprovedContact, Relationship } from '../../src-shared/domain/records';
import { utcTimestamp } from './calendar';
import type { FacilityPlan } from './facility-plan';
import { inmateOfContact } from './facility-plan';
import { contactId, inmateId, visitorId } from './ids';
import { mixSeed, Rng, streams, weightTable } from './prng';

const relationshipWeights = weightTable({
  spouse: 8,
  partner: 8,
  parent: 16,
  child: 12,
  sibling: 14,
  grandparent: 5,
  relative: 10,
  friend: 17,
  attorney: 7,
  clergy: 3,
});
const contactStatusWeights = weightTable({ approved: 92, suspended: 5, revoked: 3 });

export interface ContactFacts {
  readonly inmate: number;
  readonly visitor: number;
  readonly relationship: Relationship;
  readonly status: ApprovedContact['status'];
  readonly approvedBy: string;
  readonly approvedAt: number;
}

/** Professionals whose pool index ends the fifth are clergy, the rest attorneys. */
export function professionalKind(plan: FacilityPlan, visitor: number): 'attorney' | 'clergy' {
  return (visitor - plan.firstProfessional) % 5 === 4 ? 'clergy' : 'attorney';
}

export function contactFacts(plan: FacilityPlan, contact: number): ContactFacts {
  const rng = Rng.for(plan.seed, streams.contact, contact);
  const inmate = inmateOfContact(plan, contact);
  let relationship = rng.weighted(relationshipWeights);
  let visitor = contact;
  if (relationship === 'attorney' || relationship === 'clergy') {
    // Consecutive pool members from a per-inmate start: an inmate never lists one attorney twice.
    const pool = plan.profile.professionals;
    const start = mixSeed(plan.seed, streams.professional, inmate) % pool;
    visitor = plan.firstProfessional + ((start + contact - (plan.contactStart[inmate] ?? 0)) % pool);
    relationship = professionalKind(plan, visitor);
  }
  const bookedAt = plan.inmates.bookedAt[inmate] ?? 0;
  const releasedAt = plan.inmates.releasedAt[inmate] ?? Number.NaN;
  const until = Number.isNaN(releasedAt) ? plan.calendar.startOfToday() : releasedAt;
  return {
    inmate,
    visitor,
    relationship,
    status: rng.weighted(contactStatusWeights),
    approvedBy: rng.pick(plan.contactDeciders),
    approvedAt: bookedAt + (until - bookedAt) * (0.02 + 0.6 * rng.next()),
  };
}

export function* approvedContacts(plan: FacilityPlan): Generator<ApprovedContact> {
  for (let contact = 0; contact < plan.profile.approvedContacts; contact += 1) {
    const facts = contactFacts(plan, contact);
    yield {
      id: contactId(contact),
      inmateId: inmateId(facts.inmate),
      visitorId: visitorId(facts.visitor),
      relationship: facts.relationship,
      approvedBy: facts.approvedBy,
      approvedAt: utcTimestamp(facts.approvedAt),
      status: facts.status,
    };
  }
}
