// How big each synthetic facility is. 'large' is the stress set: 20,000 inmates, 150,000 approved
// contacts and about 300,000 visits, visit requests and contact requests together.
import { z } from 'zod';

export const FacilitySize = z.enum(['small', 'medium', 'large']);
export type FacilitySize = z.infer<typeof FacilitySize>;

export interface SizeProfile {
  readonly inmates: number;
  readonly approvedContacts: number;
  /** About 60% of these are approved and so also become visits. */
  readonly visitRequests: number;
  readonly contactRequests: number;
  /** Generated staff, besides the demo directory's accounts. */
  readonly staff: number;
  /** Attorneys and clergy, each on many inmates' lists. */
  readonly professionals: number;
  /** Beds per general-population pod; 0 puts everyone in one unit. */
  readonly podBeds: number;
  /** How far back decided requests and past visits go. */
  readonly historyDays: number;
  /** How far ahead visit requests are made. */
  readonly futureDays: number;
}

export const sizeProfiles: Readonly<Record<FacilitySize, SizeProfile>> = {
  small: {
    inmates: 60,
    approvedContacts: 450,
    visitRequests: 520,
    contactRequests: 40,
    staff: 5,
    professionals: 6,
    podBeds: 0,
    historyDays: 60,
    futureDays: 10,
  },
  medium: {
    inmates: 2000,
    approvedContacts: 15_000,
    visitRequests: 17_500,
    contactRequests: 2100,
    staff: 24,
    professionals: 60,
    podBeds: 96,
    historyDays: 180,
    futureDays: 14,
  },
  large: {
    inmates: 20_000,
    approvedContacts: 150_000,
    visitRequests: 175_000,
    contactRequests: 21_000,
    staff: 80,
    professionals: 500,
    podBeds: 128,
    historyDays: 365,
    futureDays: 14,
  },
};
