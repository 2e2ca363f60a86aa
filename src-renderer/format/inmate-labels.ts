// The words an officer reads for an inmate's record: names as a roster prints them, and the
// record's codes (status, restrictions, relationships, visit kinds and outcomes) in plain words.
import type { InmateSummary, VisitLine } from '../../src-shared/contract';
import type { InmateStatus, Relationship, Restriction } from '../../src-shared/domain/records';

type Named = Pick<InmateSummary, 'firstName' | 'middleName' | 'lastName'>;

/** As a roster lists it: "Talwell, Evton C." */
export function rosterName({ firstName, middleName, lastName }: Named): string {
  const initial = middleName === null ? '' : ` ${middleName.charAt(0)}.`;
  return `${lastName}, ${firstName}${initial}`;
}

/** The whole name, family name first: "Talwell, Evton Calwyn". */
export function fullName({ firstName, middleName, lastName }: Named): string {
  return `${lastName}, ${firstName}${middleName === null ? '' : ` ${middleName}`}`;
}

const statusLabels: Record<InmateStatus, string> = {
  'in-custody': 'In custody',
  court: 'At court',
  hospital: 'In hospital',
  transferred: 'Transferred',
  released: 'Released',
};

export function statusLabel(status: InmateStatus): string {
  return statusLabels[status];
}

const restrictionLabels: Record<Restriction, string> = {
  'no-contact-visits': 'No contact visits',
  'video-visits-only': 'Video visits only',
  'no-minor-visitors': 'No minor visitors',
  'legal-visits-only': 'Legal visits only',
  'keep-separate': 'Keep separate',
  'suicide-watch': 'Suicide watch',
};

export function restrictionLabel(restriction: Restriction): string {
  return restrictionLabels[restriction];
}

const relationshipLabels: Record<Relationship, string> = {
  spouse: 'Spouse',
  partner: 'Partner',
  parent: 'Parent',
  child: 'Child',
  sibling: 'Sibling',
  grandparent: 'Grandparent',
  relative: 'Relative',
  friend: 'Friend',
  attorney: 'Attorney',
  clergy: 'Clergy',
  other: 'Other',
};

export function relationshipLabel(relationship: Relationship): string {
  return relationshipLabels[relationship];
}

const visitKindLabels: Record<VisitLine['kind'], string> = {
  contact: 'Contact',
  'non-contact': 'Non-contact',
  video: 'Video',
  legal: 'Legal',
};

export function visitKindLabel(kind: VisitLine['kind']): string {
  return visitKindLabels[kind];
}

const outcomeLabels: Readonly<Record<string, string>> = {
  scheduled: 'Scheduled',
  completed: 'Completed',
  'no-show': 'No-show',
  cancelled: 'Cancelled',
  terminated: 'Ended early',
};

/** The contract carries the outcome as text: one the workstation does not know is shown as it came. */
export function visitOutcomeLabel(outcome: string): string {
  return outcomeLabels[outcome] ?? outcome;
}

/** Where the inmate sleeps: "B2 · 14A"; null when not housed. */
export function housingLabel(unitCode: string | null, cell: string | null): string | null {
  if (unitCode === null) return cell;
  return cell === null ? unitCode : `${unitCode} · ${cell}`;
}
