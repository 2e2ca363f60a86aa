// Sallyport's mark: a gate arch with its portcullis. Decorative; the name is always written next to it.
export function SallyportMark({ size = 32 }: { size?: number }) {
  return (
    <svg className="mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect className="mark-tile" x="1" y="1" width="30" height="30" rx="7" />
      <path className="mark-arch" d="M9 26V15a7 7 0 0 1 14 0v11" />
      <path className="mark-bars" d="M13 26v-9.5M16 26V12.4M19 26v-9.5M9 20.5h14" />
    </svg>
  );
}
