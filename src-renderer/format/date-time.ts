// Times as a shift reads them: 24-hour clock, local time of this workstation.
const timeOfDay = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dayThisYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

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
