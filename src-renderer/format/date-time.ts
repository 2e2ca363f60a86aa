// Times as a shift reads them: 24-hour clock, in the facility's time zone (AppInfo.timeZone:
// policy facility.timeZone, else the workstation's own), set once the app's info arrives.

interface Formats {
  readonly timeOfDay: Intl.DateTimeFormat;
  readonly day: Intl.DateTimeFormat;
  readonly dayThisYear: Intl.DateTimeFormat;
  readonly weekdayThisYear: Intl.DateTimeFormat;
  readonly weekday: Intl.DateTimeFormat;
  /** The calendar day of an instant in the zone, as YYYY-MM-DD. */
  readonly dayKey: Intl.DateTimeFormat;
}

function formatsFor(timeZone: string | undefined): Formats {
  return {
    timeOfDay: new Intl.DateTimeFormat(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    }),
    day: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone }),
    dayThisYear: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone }),
    weekdayThisYear: new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone,
    }),
    weekday: new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone,
    }),
    dayKey: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }),
  };
}

let formats = formatsFor(undefined);

/** Shows every time from now on in `timeZone` (an IANA name the main process checked). */
export function setDisplayTimeZone(timeZone: string): void {
  formats = formatsFor(timeZone);
}

// A calendar date ('1990-03-14') is no instant: it is read in UTC so no time zone moves its day.
const calendarDay = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

function dayKey(date: Date): string {
  return formats.dayKey.format(date);
}

function sameYear(date: Date, now: Date): boolean {
  return dayKey(date).slice(0, 4) === dayKey(now).slice(0, 4);
}

/** For example "14:02, 25 Nov 2025". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${formats.timeOfDay.format(date)}, ${formats.day.format(date)}`;
}

/** For a table cell: the year only when it is not this year, for example "14:02, 25 Nov". */
export function formatDateTimeShort(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const day = sameYear(date, now) ? formats.dayThisYear : formats.day;
  return `${formats.timeOfDay.format(date)}, ${day.format(date)}`;
}

/** For example "14:02". */
export function formatTime(iso: string): string {
  return formats.timeOfDay.format(new Date(iso));
}

/** A time today as "14:02"; on another day with the day too, "14:02, 24 Nov". */
export function formatTimeOrDay(iso: string, now: Date = new Date()): string {
  return dayKey(new Date(iso)) === dayKey(now) ? formatTime(iso) : formatDateTimeShort(iso, now);
}

/** A calendar date such as a date of birth: "14 Mar 1990". */
export function formatCalendarDate(isoDate: string): string {
  return calendarDay.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Whole years from a date of birth to `now` (the facility's today). */
export function ageOn(isoDate: string, now: Date = new Date()): number {
  const [year = 0, month = 1, dayOfMonth = 1] = isoDate.split('-').map(Number);
  const [thisYear = 0, thisMonth = 1, today = 1] = dayKey(now).split('-').map(Number);
  const beforeBirthday = thisMonth < month || (thisMonth === month && today < dayOfMonth);
  return thisYear - year - (beforeBirthday ? 1 : 0);
}

/** A visit's slot: "Tue 25 Nov, 14:00–14:45" (the year only when it is not this year). */
export function formatSlot(startIso: string, endIso: string, now: Date = new Date()): string {
  const start = new Date(startIso);
  const day = sameYear(start, now) ? formats.weekdayThisYear : formats.weekday;
  return `${day.format(start)}, ${formatTime(startIso)}–${formatTime(endIso)}`;
}
