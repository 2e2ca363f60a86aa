// Facility-local calendar arithmetic: days as ISO dates, times of day as minutes, and instants
// written with the facility's UTC offset of that day (so visiting slots read as local times).

const DAY_MS = 86_400_000;

interface DayOffset {
  /** '-06:00', or 'Z' in UTC. */
  readonly text: string;
  readonly minutes: number;
  readonly utcMidnight: number;
}

export class FacilityCalendar {
  readonly timeZone: string;
  /** Today in the facility, 'YYYY-MM-DD': every generated date is relative to it. */
  readonly today: string;
  readonly #todayNoon: number;
  readonly #days = new Map<number, string>();
  readonly #offsets = new Map<string, DayOffset>();
  readonly #offsetFormat: Intl.DateTimeFormat;

  constructor(timeZone: string, today: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) {
      throw new RangeError(`today must be a date like 2026-03-02 (got "${today}")`);
    }
    this.timeZone = timeZone;
    this.today = today;
    this.#todayNoon = Date.parse(`${today}T12:00:00Z`);
    this.#offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  }

  /** The facility's date `days` after today (negative: before). */
  day(days: number): string {
    let date = this.#days.get(days);
    if (date === undefined) {
      date = isoDate(this.#todayNoon + days * DAY_MS);
      this.#days.set(days, date);
    }
    return date;
  }

  /** A local wall-clock time with that day's offset, e.g. 2026-03-02T09:30:00-06:00. */
  localTime(date: string, minuteOfDay: number): string {
    const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
    const minutes = String(minuteOfDay % 60).padStart(2, '0');
    return `${date}T${hours}:${minutes}:00${this.#offset(date).text}`;
  }

  /** The instant of a local wall-clock time, in epoch milliseconds (the same instant localTime names). */
  instant(date: string, minuteOfDay: number): number {
    const offset = this.#offset(date);
    return offset.utcMidnight + (minuteOfDay - offset.minutes) * 60_000;
  }

  /** The start of today in the facility, in epoch milliseconds. */
  startOfToday(): number {
    return this.instant(this.today, 0);
  }

  // Offsets change only at night (DST), so the offset at noon holds for every visiting hour.
  #offset(date: string): DayOffset {
    let offset = this.#offsets.get(date);
    if (offset === undefined) {
      const name = this.#offsetFormat
        .formatToParts(new Date(`${date}T12:00:00Z`))
        .find((part) => part.type === 'timeZoneName')?.value;
      const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? '');
      const utcMidnight = Date.parse(`${date}T00:00:00Z`);
      offset = match
        ? {
            text: `${match[1]}${match[2]}:${match[3]}`,
            minutes: (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])),
            utcMidnight,
          }
        : { text: 'Z', minutes: 0, utcMidnight };
      this.#offsets.set(date, offset);
    }
    return offset;
  }
}

/** An instant as a UTC timestamp to the second, e.g. 2026-03-02T15:30:00Z. */
export function utcTimestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Today's date in a time zone, 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export { DAY_MS };
