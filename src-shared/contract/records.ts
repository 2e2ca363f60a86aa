// What the Inmates screen and the status bar receive: inmate search hits, an inmate's record, and
// the sync status. Records cross to the renderer only through these shapes.
import { z } from 'zod';
import { InmateStatus, Relationship, Restriction, VisitKind } from '../domain/records';

export const InmateSummary = z.object({
  id: z.string(),
  bookingNumber: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  status: InmateStatus,
  housingUnitCode: z.string().nullable(),
  cell: z.string().nullable(),
  restrictions: z.array(Restriction),
});
export type InmateSummary = z.infer<typeof InmateSummary>;

export const VisitLine = z.object({
  id: z.string(),
  slotStart: z.string(),
  slotEnd: z.string(),
  kind: VisitKind,
  visitorName: z.string(),
  outcome: z.string(),
});
export type VisitLine = z.infer<typeof VisitLine>;

export const InmateDetail = InmateSummary.extend({
  housingUnitName: z.string().nullable(),
  bookedAt: z.string(),
  releasedAt: z.string().nullable(),
  approvedContacts: z.array(
    z.object({
      id: z.string(),
      visitorName: z.string(),
      relationship: Relationship,
      status: z.enum(['approved', 'suspended', 'revoked']),
      visitorBanned: z.boolean(),
    }),
  ),
  upcomingVisits: z.array(VisitLine),
  recentVisits: z.array(VisitLine),
});
export type InmateDetail = z.infer<typeof InmateDetail>;

export const SyncStatusView = z.object({
  /** The records service answered the last attempt. */
  online: z.boolean(),
  phase: z.enum(['stopped', 'syncing', 'idle', 'retrying', 'blocked']),
  lastSuccessAt: z.iso.datetime().nullable(),
  changesApplied: z.int().nonnegative(),
  outboxPending: z.int().nonnegative(),
  notices: z.int().nonnegative(),
  /** The current problem in words, with what to do; null when all is well. */
  error: z.string().nullable(),
  nextRetryAt: z.iso.datetime().nullable(),
  /** The first full sync into an empty cache, for the progress bar; null when none ran since start. */
  initial: z
    .object({
      done: z.boolean(),
      received: z.int().nonnegative(),
      expected: z.int().nonnegative().nullable(),
    })
    .nullable(),
});
export type SyncStatusView = z.infer<typeof SyncStatusView>;
