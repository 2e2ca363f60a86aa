// Visitors: family and friends (one per approved contact or contact request) and a pool of
// attorneys and clergy. Ages follow the relationship, so children can be minors.
import type { Relationship, Visitor } from '../../src-shared/domain/records';
import { contactFacts, professionalKind } from './approved-contacts';
import { DAY_MS, isoDate } from './calendar';
import { contactRequestFacts } from './contact-requests';
import type { FacilityPlan } from './facility-plan';
import { visitorId } from './ids';
import { inmateName } from './inmates';
import { firstName, lastName } from './names';
import { Rng, streams } from './prng';

const YEAR_MS = 365.25 * DAY_MS;
const ageRanges: Readonly<Record<Relationship, readonly [number, number]>> = {
  spouse: [20, 65],
  partner: [19, 60],
  parent: [38, 80],
  child: [3, 35],
  sibling: [16, 60],
  grandparent: [55, 90],
  relative: [12, 75],
  friend: [18, 65],
  attorney: [27, 70],
  clergy: [30, 75],
  other: [18, 70],
};
const familyNames = new Set<Relationship>(['spouse', 'parent', 'child', 'sibling', 'grandparent']);
const areaCodes = ['217', '309', '312', '618', '630', '708', '773', '815', '847'] as const;
const mailDomains = ['example.com', 'example.net', 'example.org'] as const;

export interface VisitorTraits {
  readonly relationship: Relationship;
  /** The inmate the visitor came for; null for the professional pool. */
  readonly inmate: number | null;
  readonly ageYears: number;
  readonly banned: boolean;
}

function relationOf(
  plan: FacilityPlan,
  visitor: number,
): { relationship: Relationship; inmate: number | null } {
  if (visitor >= plan.firstProfessional)
    return { relationship: professionalKind(plan, visitor), inmate: null };
  if (visitor >= plan.firstRequestVisitor)
    return contactRequestFacts(plan, visitor - plan.firstRequestVisitor);
  const contact = contactFacts(plan, visitor);
  // A professional contact points into the pool; its own slot holds a friend who never got listed.
  return contact.visitor === visitor ? contact : { relationship: 'friend', inmate: contact.inmate };
}

/**
 * Age and ban are the stream's first draws, so a visit request can check them without the whole
 * record. A caller that already knows the relationship passes it and saves working it out again.
 */
export function visitorTraits(
  plan: FacilityPlan,
  visitor: number,
  known: Pick<VisitorTraits, 'relationship' | 'inmate'> = relationOf(plan, visitor),
): VisitorTraits & { rng: Rng } {
  const { relationship, inmate } = known;
  const rng = Rng.for(plan.seed, streams.visitor, visitor);
  const [youngest, oldest] = ageRanges[relationship];
  const ageYears = rng.int(youngest, oldest);
  const professional = relationship === 'attorney' || relationship === 'clergy';
  const banned = rng.chance(0.015) && ageYears >= 18 && !professional;
  return { relationship, inmate, ageYears, banned, rng };
}

function digits(rng: Rng, count: number): string {
  let text = '';
  for (let index = 0; index < count; index += 1) text += String(rng.int(0, 9));
  return text;
}

export function visitorAt(plan: FacilityPlan, visitor: number): Visitor {
  const { relationship, inmate, ageYears, banned, rng } = visitorTraits(plan, visitor);
  const first = firstName(rng);
  const last =
    inmate !== null && familyNames.has(relationship) && rng.chance(0.65)
      ? inmateName(plan, inmate).last
      : lastName(rng);
  const adult = ageYears >= 18;
  const birth = plan.calendar.startOfToday() - ageYears * YEAR_MS - rng.int(1, 360) * DAY_MS;
  const mailbox = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  let idDocument: string | null = null;
  if (relationship === 'attorney') idDocument = `ARDC ${digits(rng, 7)}`;
  else if (adult && rng.chance(0.9))
    idDocument = `DL ${last.charAt(0)}${digits(rng, 3)}-${digits(rng, 4)}-${digits(rng, 4)}`;
  return {
    id: visitorId(visitor),
    firstName: first,
    lastName: last,
    dateOfBirth: isoDate(birth),
    // 555-0100 to 555-0199 are reserved for fiction: no generated number rings a real phone.
    phone: adult && rng.chance(0.88) ? `(${rng.pick(areaCodes)}) 555-01${digits(rng, 2)}` : null,
    email: adult && rng.chance(0.6) ? `${mailbox}${rng.int(1, 99)}@${rng.pick(mailDomains)}` : null,
    idDocument,
    banned,
  };
}

export function* visitors(plan: FacilityPlan): Generator<Visitor> {
  for (let visitor = 0; visitor < plan.visitorCount; visitor += 1) yield visitorAt(plan, visitor);
}
