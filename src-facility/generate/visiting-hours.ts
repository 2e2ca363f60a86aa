// The facility's visiting hours: sessions per kind of visit and how long a visit lasts. Every
// slot starts on the hour or the half hour and ends inside its session.
import type { VisitKind } from '../../src-shared/domain/records';
import type { Rng } from './prng';

interface Schedule {
  /** [first minute, last minute] of each session, minutes after local midnight. */
  readonly sessions: readonly (readonly [number, number])[];
  readonly minutes: number;
}

const inPerson = [
  [8 * 60, 11 * 60 + 30],
  [13 * 60, 16 * 60],
  [18 * 60, 20 * 60 + 30],
] as const;

export const visitingHours: Readonly<Record<VisitKind, Schedule>> = {
  contact: { sessions: inPerson, minutes: 60 },
  'non-contact': { sessions: inPerson, minutes: 30 },
  video: { sessions: [[7 * 60, 21 * 60]], minutes: 30 },
  legal: { sessions: [[8 * 60, 17 * 60]], minutes: 60 },
};

export interface Slot {
  readonly startMinute: number;
  readonly endMinute: number;
}

export function drawSlot(rng: Rng, kind: VisitKind): Slot {
  const schedule = visitingHours[kind];
  const [open, close] = rng.pick(schedule.sessions);
  const starts = Math.floor((close - open - schedule.minutes) / 30) + 1;
  const startMinute = open + 30 * rng.int(0, starts - 1);
  return { startMinute, endMinute: startMinute + schedule.minutes };
}
