// Where the inmate is today, as a pill; anything but "In custody" is set apart.
import type { InmateStatus } from '../../../src-shared/domain/records';
import { statusLabel } from '../../format/inmate-labels';

export function InmateStatusPill({ status }: { status: InmateStatus }) {
  return <span className={`pill pill-status-${status}`}>{statusLabel(status)}</span>;
}
