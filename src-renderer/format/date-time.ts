// Times as a shift reads them: 24-hour clock, local time of this workstation.
const timeOfDay = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dayThisYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const weekdayThisYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const weekday = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
// A calendar date ('1990-03-14') is no instant: it is read in UTC so no time zone moves its day.
const calendarDay = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** For example "14:02, 25 Nov 2025". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${timeOfDay.format(date)}, ${day.format(date)}`;
}

/** For a table cell: the year only when it is not this year, for example "14:02, 25 Nov". */
export function formatDateTimeShort(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === now.getFullYear();
  return `${timeOfDay.format(date)}, ${(sameYear ? dayThisYear : day).format(date)}`;
}

/** For example "14:02". */
export function formatTime(iso: string): string {
  return timeOfDay.format(new Date(iso));
}

/** A time today as "14:02"; on another day with the day too, "14:02, 24 Nov". */
export function formatTimeOrDay(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString() ? formatTime(iso) : formatDateTimeShort(iso, now);
}

/** A calendar date such as a date of birth: "14 Mar 1990". */
export function formatCalendarDate(isoDate: string): string {
  return calendarDay.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Whole years from a date of birth to `now`. */
export function ageOn(isoDate: string, now: Date = new Date()): number {
  const [year = 0, month = 1, dayOfMonth = 1] = isoDate.split('-').map(Number);
  const beforeBirthday =
    now.getMonth() + 1 < month || (now.getMonth() + 1 === month && now.getDate() < dayOfMonth);
  return now.getFullYear() - year - (beforeBirthday ? 1 : 0);
}

/** A visit's slot: "Tue 25 Nov, 14:00–14:45" (the year only when it is not this year). */
export function formatSlot(startIso: string, endIso: string, now: Date = new Date()): string {
  const start = new Date(startIso);
  const sameYear = start.getFullYear() === now.getFullYear();
  return `${(sameYear ? weekdayThisYear : weekday).format(start)}, ${formatTime(startIso)}–${formatTime(endIso)}`;
}
