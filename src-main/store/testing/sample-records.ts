// Small, readable records for tests: each builder gives a valid record, and a test overrides
// only what it is about.
import type {
  Facility,
  HousingUnit,
  Inmate,
  Visit,
  VisitRequest,
  Visitor,
} from '../../../src-shared/domain/records';

export function aFacility(overrides: Partial<Facility> = {}): Facility {
  return { id: 'fac-1', name: 'Test County Detention Center', timeZone: 'America/Chicago', ...overrides };
}

export function aHousingUnit(overrides: Partial<HousingUnit> = {}): HousingUnit {
  return { id: 'hu-b2', code: 'B2', name: 'Bravo Two', securityLevel: 'medium', capacity: 64, ...overrides };
}

let inmateSerial = 0;

export function anInmate(overrides: Partial<Inmate> = {}): Inmate {
  inmateSerial += 1;
  return {
    id: `inm-${String(inmateSerial).padStart(6, '0')}`,
    bookingNumber: `2026-${String(900000 + inmateSerial).padStart(6, '0')}`,
    firstName: 'Alex',
    middleName: null,
    lastName: 'Example',
    dateOfBirth: '1990-04-12',
    housingUnitId: 'hu-b2',
    cell: '14',
    status: 'in-custody',
    restrictions: [],
    bookedAt: '2026-01-05T14:30:00.000Z',
    releasedAt: null,
    ...overrides,
  };
}

export function aVisitor(overrides: Partial<Visitor> = {}): Visitor {
  return {
    id: 'vis-1',
    firstName: 'Morgan',
    lastName: 'Visitor',
    dateOfBirth: '1985-09-30',
    phone: '+1 555 0100',
    email: null,
    idDocument: 'DL-123456',
    banned: false,
    ...overrides,
  };
}

export function aVisitRequest(overrides: Partial<VisitRequest> = {}): VisitRequest {
  return {
    id: 'vr-1',
    inmateId: 'inm-000001',
    visitorId: 'vis-1',
    kind: 'video',
    slotStart: '2026-03-02T15:00:00.000Z',
    slotEnd: '2026-03-02T15:30:00.000Z',
    requestedAt: '2026-02-27T10:00:00.000Z',
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    ...overrides,
  };
}

export function aVisit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'vst-1',
    requestId: 'vr-1',
    inmateId: 'inm-000001',
    visitorId: 'vis-1',
    kind: 'video',
    slotStart: '2026-03-02T15:00:00.000Z',
    slotEnd: '2026-03-02T15:30:00.000Z',
    outcome: 'scheduled',
    ...overrides,
  };
}
