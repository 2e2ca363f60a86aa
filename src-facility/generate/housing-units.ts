// The facility's housing units: intake, medical and segregation units plus general-population
// pods grouped in buildings, and work-release dorms, sized to the beds the population needs.
import type { HousingUnit } from '../../src-shared/domain/records';

export type UnitKind = 'general' | 'intake' | 'medical' | 'segregation' | 'dorm';

export interface UnitPlan {
  readonly record: HousingUnit;
  readonly kind: UnitKind;
}

// Letters that cannot be misread as digits on a wristband or a door.
const buildingLetters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const podsPerBuilding = 8;

function unit(
  code: string,
  name: string,
  kind: UnitKind,
  securityLevel: HousingUnit['securityLevel'],
  capacity: number,
): UnitPlan {
  return { kind, record: { id: `hu-${code.toLowerCase()}`, code, name, securityLevel, capacity } };
}

function roundUp(value: number, step: number): number {
  return Math.max(step, Math.ceil(value / step) * step);
}

function buildingLetter(index: number): string {
  const letter = buildingLetters[index % buildingLetters.length] ?? 'A';
  return letter.repeat(Math.floor(index / buildingLetters.length) + 1);
}

/** Units holding at least `beds` beds; `podBeds` 0 means one small unit holds everyone. */
export function planHousingUnits(beds: number, podBeds: number): UnitPlan[] {
  if (podBeds === 0) return [unit('A-POD', 'A Pod', 'general', 'medium', roundUp(beds, 16))];

  const units = [
    unit('INT', 'Intake and Booking', 'intake', 'special', roundUp(beds * 0.03, 8)),
    unit('MED', 'Medical Housing', 'medical', 'special', roundUp(beds * 0.02, 8)),
    unit('SEG', 'Administrative Segregation', 'segregation', 'maximum', roundUp(beds * 0.05, 8)),
  ];
  const special = units.reduce((sum, planned) => sum + planned.record.capacity, 0);
  const pods = Math.max(2, Math.ceil((beds - special) / podBeds));
  const maximumPods = Math.round(pods * 0.2);
  const dorms = Math.round(pods * 0.15);
  for (let pod = 0; pod < pods - dorms; pod += 1) {
    const letter = buildingLetter(Math.floor(pod / podsPerBuilding));
    const number = (pod % podsPerBuilding) + 1;
    const level = pod < maximumPods ? 'maximum' : 'medium';
    units.push(unit(`${letter}${number}`, `Building ${letter}, Pod ${number}`, 'general', level, podBeds));
  }
  for (let dorm = 1; dorm <= dorms; dorm += 1) {
    units.push(unit(`W${dorm}`, `Work Release Dorm ${dorm}`, 'dorm', 'minimum', podBeds));
  }
  return units;
}

/** A bed's label: tier, cell and bunk in a pod (e.g. 214B), a bed number in a dorm (e.g. D045). */
export function bedLabel(kind: UnitKind, position: number): string {
  if (kind === 'dorm') return `D${String(position + 1).padStart(3, '0')}`;
  const cell = Math.floor(position / 2);
  const tier = Math.floor(cell / 16) + 1;
  const cellOnTier = String((cell % 16) + 1).padStart(2, '0');
  return `${tier}${cellOnTier}${position % 2 === 0 ? 'A' : 'B'}`;
}
