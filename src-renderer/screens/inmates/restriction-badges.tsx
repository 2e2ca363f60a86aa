// An inmate's restrictions as badges that say them in words; they decide what a visit may be, so
// they stand out, and never by colour alone.
import type { Restriction } from '../../../src-shared/domain/records';
import { restrictionLabel } from '../../format/inmate-labels';

export function RestrictionBadges({ restrictions }: { restrictions: readonly Restriction[] }) {
  if (restrictions.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="badges">
      {restrictions.map((restriction) => (
        <li key={restriction} className={`badge badge-restriction badge-${restriction}`}>
          {restrictionLabel(restriction)}
        </li>
      ))}
    </ul>
  );
}
