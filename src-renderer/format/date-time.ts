// Times as a shift reads them: 24-hour clock, local time of this workstation.
const timeOfDay = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** For example "14:02, 25 Nov 2025". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${timeOfDay.format(date)}, ${day.format(date)}`;
}
