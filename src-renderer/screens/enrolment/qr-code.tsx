// The QR code of the enrolment offer, drawn from the matrix main sends: one rect per run of dark
// modules, black on a white field with the quiet zone of four modules the QR standard asks for.
// Nothing is parsed from markup; the rects are React elements.
import type { EnrolmentOffer } from '../../../src-shared/contract';

const QUIET_ZONE = 4;

interface Run {
  readonly x: number;
  readonly y: number;
  readonly length: number;
}

/** Runs of dark modules row by row, or null when the matrix is not `size` × `size` of 0 and 1. */
export function darkRuns(qr: EnrolmentOffer['qr']): Run[] | null {
  const { size, modules } = qr;
  if (modules.length !== size * size || !/^[01]*$/.test(modules)) return null;
  const runs: Run[] = [];
  for (let y = 0; y < size; y++) {
    let start = -1;
    for (let x = 0; x <= size; x++) {
      const dark = x < size && modules[y * size + x] === '1';
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, length: x - start });
        start = -1;
      }
    }
  }
  return runs;
}

export function QrCode({ qr, label }: { qr: EnrolmentOffer['qr']; label: string }) {
  const runs = darkRuns(qr);
  if (runs === null) {
    return <p className="qr-missing">The QR code could not be drawn here. Type the key instead.</p>;
  }
  const extent = qr.size + 2 * QUIET_ZONE;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
    >
      <rect width={extent} height={extent} fill="#ffffff" />
      {runs.map((run) => (
        <rect
          key={`${run.x},${run.y}`}
          x={run.x + QUIET_ZONE}
          y={run.y + QUIET_ZONE}
          width={run.length}
          height={1}
          fill="#000000"
        />
      ))}
    </svg>
  );
}
