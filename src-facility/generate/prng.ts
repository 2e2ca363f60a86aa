// A small seeded PRNG (mulberry32) and the helpers the generator draws with.
// Each record gets its own stream from (seed, stream, index), so any record can be made on its own.

/** Mixes integers into a 32-bit seed (murmur3's finaliser): nearby inputs give unrelated streams. */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** The stream of record `index` of kind `stream` in a facility made from `seed`. */
  static for(seed: number, stream: number, index: number): Rng {
    return new Rng(mixSeed(seed, stream, index));
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick() needs at least one item');
    return item;
  }

  /** Picks a key of a weight table with probability proportional to its weight. */
  weighted<K extends string>(table: WeightTable<K>): K {
    const roll = this.next() * table.total;
    let index = 0;
    while (index < table.keys.length - 1 && roll >= (table.cumulative[index] ?? 0)) index += 1;
    return table.keys[index] as K;
  }
}

export interface WeightTable<K extends string> {
  readonly keys: readonly K[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Prepares weights once, so drawing from them in a hot loop allocates nothing. */
export function weightTable<K extends string>(weights: Readonly<Record<K, number>>): WeightTable<K> {
  const keys = Object.keys(weights) as K[];
  const cumulative: number[] = [];
  let total = 0;
  for (const key of keys) {
    total += weights[key];
    cumulative.push(total);
  }
  if (keys.length === 0 || total <= 0) throw new RangeError('a weight table needs a positive weight');
  return { keys, cumulative, total };
}

/** Stream numbers: one per kind of draw, so adding a draw to one kind never shifts another. */
export const streams = {
  facility: 1,
  housing: 2,
  inmate: 3,
  inmateName: 4,
  booking: 5,
  visitor: 6,
  contact: 7,
  contactCounts: 8,
  visitRequest: 9,
  visitOutcome: 10,
  contactRequest: 11,
  staff: 12,
  professional: 13,
} as const;
