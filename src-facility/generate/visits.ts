// Visits: every approved visit request becomes a visit, scheduled when it is still to come, and
// with an outcome (mostly completed) when it is past.
import type { Visit } from '../../src-shared/domain/records';
import type { FacilityPlan } from './facility-plan';
import { inmateId, visitId, visitorId, visitRequestId } from './ids';
import { Rng, streams, weightTable } from './prng';
import { visitRequestFacts } from './visit-requests';

const pastOutcomeWeights = weightTable({ completed: 84, 'no-show': 10, cancelled: 3, terminated: 3 });

export function* visits(plan: FacilityPlan): Generator<Visit> {
  for (let request = 0; request < plan.profile.visitRequests; request += 1) {
    const facts = visitRequestFacts(plan, request);
    if (facts.status !== 'approved') continue;
    yield {
      id: visitId(request),
      requestId: visitRequestId(request),
      inmateId: inmateId(facts.inmate),
      visitorId: visitorId(facts.visitor),
      kind: facts.kind,
      slotStart: plan.calendar.localTime(facts.date, facts.slot.startMinute),
      slotEnd: plan.calendar.localTime(facts.date, facts.slot.endMinute),
      outcome: facts.upcoming
        ? 'scheduled'
        : Rng.for(plan.seed, streams.visitOutcome, request).weighted(pastOutcomeWeights),
    };
  }
}
