// The few line icons the workstation uses. Always decorative: the text next to them says it.
const paths = {
  visits:
    'M7 3v3M17 3v3M4 9h16M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM8 13h3M8 16h6',
  contacts:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.6a3.5 3.5 0 0 1 0 6.3M18 14.2a6.5 6.5 0 0 1 3.5 5.8',
  inmates:
    'M3 5h18v14H3zM7 10.5a2 2 0 1 0 4 0 2 2 0 0 0-4 0M5.5 16.5a3.5 3.5 0 0 1 7 0M15 9.5h3.5M15 13.5h3.5',
  import: 'M12 15V4M7.5 8.5 12 4l4.5 4.5M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4',
  audit:
    'M9 3.5h6v3H9zM9 5H6a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V6a1 1 0 0 0-1-1h-3M8.5 11h7M8.5 14.5h7M8.5 18h4',
  staff:
    'M12 3l7.5 3v5.5c0 4.5-3.2 8.2-7.5 9.5-4.3-1.3-7.5-5-7.5-9.5V6zM12 12a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM8.6 16.5a3.5 3.5 0 0 1 6.8 0',
  lock: 'M5.5 11h13v10h-13zM8.5 11V8a3.5 3.5 0 0 1 7 0v3M12 15v2',
  warning: 'M12 3.5 2.5 20.5h19zM12 10v4.5M12 17.3v.2',
  alert: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7.5v5.5M12 16.3v.2',
  keyboard: 'M3 6h18v12H3zM7 10h.01M10.3 10h.01M13.7 10h.01M17 10h.01M7.5 14h9',
  signOut: 'M14 4h5v16h-5M10 8l-4 4 4 4M6 12h10',
  inbox: 'M3 13.5 6 5h12l3 8.5V19a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1zM3 13.5h5.5l1 2h5l1-2H21',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3.5 2',
  key: 'M10.8 13.2 20 4M16.5 7.5l2.5 2.5M14 10l2 2M7.5 21a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9z',
  refresh: 'M19.5 12a7.5 7.5 0 1 1-2.2-5.3M19.5 4v4.5H15',
  check: 'M4.5 12.5 9.5 17.5 19.5 6.5',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.3 15.3 20.5 20.5',
  back: 'M19 12H5M11 6l-6 6 6 6',
  disconnected:
    'M7 17 4 20M17 7l3-3M9.5 9.5 7 12a3.5 3.5 0 0 0 5 5l2.5-2.5M14.5 14.5 17 12a3.5 3.5 0 0 0-5-5L9.5 9.5M3 3l18 18',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[name]} />
    </svg>
  );
}
