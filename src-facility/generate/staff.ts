// The facility's staff: the demo directory's accounts first, then generated officers, supervisors
// and administrators whose usernames appear as the deciders of requests.
import type { Staff } from '../../src-shared/domain/records';
import { demoAccountSpecs, displayNameOf } from '../demo-directory/demo-accounts';
import { firstName, lastName } from './names';
import { Rng, streams, weightTable } from './prng';

const roleWeights = weightTable({ officer: 75, supervisor: 18, administrator: 7 });

export function planStaff(seed: number, generated: number): Staff[] {
  const staff: Staff[] = demoAccountSpecs.map((spec, index) => ({
    id: staffId(index),
    username: spec.username,
    displayName: displayNameOf(spec),
    role: spec.role,
    active: true,
  }));
  const taken = new Set(staff.map((member) => member.username));
  for (let index = 0; index < generated; index += 1) {
    const rng = Rng.for(seed, streams.staff, index);
    const first = firstName(rng);
    const last = lastName(rng);
    const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    let username = base;
    for (let suffix = 2; taken.has(username); suffix += 1) username = `${base}${suffix}`;
    taken.add(username);
    staff.push({
      id: staffId(staff.length),
      username,
      displayName: `${first} ${last}`,
      role: rng.weighted(roleWeights),
      active: rng.chance(0.94),
    });
  }
  return staff;
}

function staffId(index: number): string {
  return `stf-${String(index + 1).padStart(3, '0')}`;
}
