// The facility's records as they travel between the records service and a workstation.
// One schema per thing: the zod schema is the type, the validator and the documentation.
import { z } from 'zod';
import { Role } from './roles';

const Id = z.string().min(1).max(64);
const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });
const Name = z.string().trim().min(1).max(100);

/** A booking number as printed on a wristband: year, dash, six digits (e.g. 2026-004211). */
export const BookingNumber = z.string().regex(/^\d{4}-\d{6}$/, 'a booking number looks like 2026-004211');

export const Facility = z.object({
  id: Id,
  name: Name,
  timeZone: z.string().min(1),
});
export type Facility = z.infer<typeof Facility>;

export const HousingUnit = z.object({
  id: Id,
  code: z.string().min(1).max(16),
  name: Name,
  securityLevel: z.enum(['minimum', 'medium', 'maximum', 'special']),
  capacity: z.int().nonnegative(),
});
export type HousingUnit = z.infer<typeof HousingUnit>;

export const Restriction = z.enum([
  'no-contact-visits',
  'video-visits-only',
  'no-minor-visitors',
  'legal-visits-only',
  'keep-separate',
  'suicide-watch',
]);
export type Restriction = z.infer<typeof Restriction>;

export const InmateStatus = z.enum(['in-custody', 'court', 'hospital', 'transferred', 'released']);
export type InmateStatus = z.infer<typeof InmateStatus>;

export const Inmate = z.object({
  id: Id,
  bookingNumber: BookingNumber,
  firstName: Name,
  middleName: Name.nullable(),
  lastName: Name,
  dateOfBirth: IsoDate,
  housingUnitId: Id.nullable(),
  cell: z.string().max(16).nullable(),
  status: InmateStatus,
  restrictions: z.array(Restriction).max(16),
  bookedAt: IsoDateTime,
  releasedAt: IsoDateTime.nullable(),
});
export type Inmate = z.infer<typeof Inmate>;

export const Visitor = z.object({
  id: Id,
  firstName: Name,
  lastName: Name,
  dateOfBirth: IsoDate,
  phone: z.string().max(32).nullable(),
  email: z.string().max(254).nullable(),
  idDocument: z.string().max(64).nullable(),
  banned: z.boolean(),
});
export type Visitor = z.infer<typeof Visitor>;

export const Relationship = z.enum([
  'spouse',
  'partner',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'relative',
  'friend',
  'attorney',
  'clergy',
  'other',
]);
export type Relationship = z.infer<typeof Relationship>;

export const ApprovedContact = z.object({
  id: Id,
  inmateId: Id,
  visitorId: Id,
  relationship: Relationship,
  approvedBy: z.string().max(100),
  approvedAt: IsoDateTime,
  status: z.enum(['approved', 'suspended', 'revoked']),
});
export type ApprovedContact = z.infer<typeof ApprovedContact>;

export const VisitKind = z.enum(['contact', 'non-contact', 'video', 'legal']);
export type VisitKind = z.infer<typeof VisitKind>;

export const Decision = z.enum(['pending', 'approved', 'denied', 'cancelled']);
export type Decision = z.infer<typeof Decision>;

export const VisitRequest = z.object({
  id: Id,
  inmateId: Id,
  visitorId: Id,
  kind: VisitKind,
  slotStart: IsoDateTime,
  slotEnd: IsoDateTime,
  requestedAt: IsoDateTime,
  status: Decision,
  decidedBy: z.string().max(100).nullable(),
  decidedAt: IsoDateTime.nullable(),
  reason: z.string().max(500).nullable(),
});
export type VisitRequest = z.infer<typeof VisitRequest>;

export const Visit = z.object({
  id: Id,
  requestId: Id.nullable(),
  inmateId: Id,
  visitorId: Id,
  kind: VisitKind,
  slotStart: IsoDateTime,
  slotEnd: IsoDateTime,
  outcome: z.enum(['scheduled', 'completed', 'no-show', 'cancelled', 'terminated']),
});
export type Visit = z.infer<typeof Visit>;

export const ContactRequest = z.object({
  id: Id,
  inmateId: Id,
  visitorId: Id,
  relationship: Relationship,
  requestedAt: IsoDateTime,
  status: Decision,
  decidedBy: z.string().max(100).nullable(),
  decidedAt: IsoDateTime.nullable(),
  reason: z.string().max(500).nullable(),
});
export type ContactRequest = z.infer<typeof ContactRequest>;

export const Staff = z.object({
  id: Id,
  username: z.string().min(1).max(256),
  displayName: Name,
  role: Role,
  active: z.boolean(),
});
export type Staff = z.infer<typeof Staff>;

/**
 * A staff member's authenticator enrolment, facility-wide: made at one workstation's first sign-in
 * and sent to every workstation, so an officer enrols once. A null secret is a reset. The id is
 * the username (lower case).
 */
export const StaffEnrolment = z.object({
  id: Id,
  username: z.string().min(1).max(256),
  totpSecret: z
    .string()
    .regex(/^[A-Z2-7]{32,128}$/, 'a TOTP secret is base32, at least 160 bits')
    .nullable(),
  /** When this enrolment (or reset) was made: the newest one wins at every workstation. */
  changedAt: IsoDateTime,
});
export type StaffEnrolment = z.infer<typeof StaffEnrolment>;

/** Every kind of record on the change feed, with its schema. */
export const entitySchemas = {
  facility: Facility,
  housingUnit: HousingUnit,
  inmate: Inmate,
  visitor: Visitor,
  approvedContact: ApprovedContact,
  visitRequest: VisitRequest,
  visit: Visit,
  contactRequest: ContactRequest,
  staff: Staff,
  staffEnrolment: StaffEnrolment,
} as const;
export type EntityName = keyof typeof entitySchemas;
export const EntityName = z.enum(Object.keys(entitySchemas) as [EntityName, ...EntityName[]]);
export type EntityRecord<E extends EntityName> = z.infer<(typeof entitySchemas)[E]>;
